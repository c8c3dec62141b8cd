import { currency } from '@allure/shared/money.schema';
import { formatMoney } from '@allure/shared/money-format';
import { z } from 'zod';

/**
 * The e-mails the outbox sends, one per topic: the payload each topic carries (checked before sending, so a
 * malformed message is set aside rather than retried forever) and its text in French and English.
 */
const locale = z.enum(['fr', 'en']).catch('fr');
const to = z.email();

const orderPayload = z.object({
  to,
  name: z.string(),
  locale,
  orderNumber: z.string(),
  total: z.number().int(),
  currency,
  trackingUrl: z.url(),
  reason: z.string().nullish(),
});

const payloads = {
  'email.order_confirmation': orderPayload,
  'email.payment_failed': orderPayload,
  'email.password_reset': z.object({
    to,
    name: z.string(),
    token: z.string(),
    expiresAt: z.iso.datetime({ offset: true }),
  }),
  // Nothing the registrant typed (not even their name): sign-up must not be a way to mail a stranger.
  'email.account_created': z.object({ to, locale }),
  'email.low_stock_alert': z.object({
    to,
    name: z.string(),
    sku: z.string(),
    productName: z.string(),
    locationName: z.string(),
    quantity: z.number().int(),
    threshold: z.number().int(),
  }),
  'email.dead_letter_alert': z.object({
    to,
    name: z.string(),
    queue: z.string(),
    jobName: z.string(),
    orderNumber: z.string().nullish(),
    error: z.string(),
  }),
};
export type MailTopic = keyof typeof payloads;

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export class UnsendableMessageError extends Error {}

type Payload<T extends MailTopic> = z.infer<(typeof payloads)[T]>;

const templates: { [T in MailTopic]: (data: Payload<T>, publicUrl: string) => Mail } = {
  'email.order_confirmation': (order) => {
    const amount = formatMoney(order.total, order.currency, order.locale);
    return order.locale === 'en'
      ? {
          to: order.to,
          subject: `Your order ${order.orderNumber} is confirmed`,
          text: `Hello ${order.name},\n\nThank you! Your order ${order.orderNumber} (${amount}) is confirmed.\nFollow it here: ${order.trackingUrl}\n\nAllure`,
        }
      : {
          to: order.to,
          subject: `Votre commande ${order.orderNumber} est confirmée`,
          text: `Bonjour ${order.name},\n\nMerci ! Votre commande ${order.orderNumber} (${amount}) est confirmée.\nSuivez-la ici : ${order.trackingUrl}\n\nAllure`,
        };
  },
  'email.payment_failed': (order) =>
    order.locale === 'en'
      ? {
          to: order.to,
          subject: `Payment for order ${order.orderNumber} did not go through`,
          text: `Hello ${order.name},\n\nWe could not take the payment for order ${order.orderNumber}: nothing was charged and the items were put back on sale. You can order again at any time.\nDetails: ${order.trackingUrl}\n\nAllure`,
        }
      : {
          to: order.to,
          subject: `Le paiement de la commande ${order.orderNumber} n'a pas abouti`,
          text: `Bonjour ${order.name},\n\nLe paiement de la commande ${order.orderNumber} n'a pas pu être effectué : rien n'a été débité et les articles ont été remis en vente. Vous pouvez commander à nouveau à tout moment.\nDétails : ${order.trackingUrl}\n\nAllure`,
        },
  'email.password_reset': (reset, publicUrl) => {
    const link = `${publicUrl}/reset-password?token=${encodeURIComponent(reset.token)}`;
    return {
      to: reset.to,
      subject: 'Réinitialisation du mot de passe / Password reset',
      text: `Bonjour ${reset.name},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable 30 minutes) :\n${link}\n\nTo choose a new password, open the link above (valid for 30 minutes).\nSi vous n'avez rien demandé, ignorez ce message. / If you did not ask for it, ignore this message.\n\nAllure`,
    };
  },
  'email.account_created': (account, publicUrl) =>
    account.locale === 'en'
      ? {
          to: account.to,
          subject: 'Your Allure account is open',
          text: `Hello,\n\nA customer account was just opened at Allure with this address. You can follow your orders there: ${publicUrl}\n\nIf it was not you, choose a new password with "Forgot password" at ${publicUrl}: it signs out every session of this account.\n\nAllure`,
        }
      : {
          to: account.to,
          subject: 'Votre compte Allure est ouvert',
          text: `Bonjour,\n\nUn compte client Allure vient d'être ouvert avec cette adresse. Vous pouvez y suivre vos commandes : ${publicUrl}\n\nSi ce n'est pas vous, choisissez un nouveau mot de passe avec « Mot de passe oublié » sur ${publicUrl} : toutes les sessions de ce compte seront fermées.\n\nAllure`,
        },
  'email.low_stock_alert': (alert) => ({
    to: alert.to,
    subject: `[Allure] Stock bas / Low stock: ${alert.sku} (${alert.locationName})`,
    text: `Bonjour ${alert.name},\n\n${alert.productName} (${alert.sku}) : il reste ${alert.quantity} à ${alert.locationName} (seuil ${alert.threshold}).\n${alert.productName} (${alert.sku}): ${alert.quantity} left at ${alert.locationName} (threshold ${alert.threshold}).\n\nAllure`,
  }),
  'email.dead_letter_alert': (alert, publicUrl) => ({
    to: alert.to,
    subject: `[Allure] Tâche abandonnée / Job given up: ${alert.jobName}${alert.orderNumber ? ` (${alert.orderNumber})` : ''}`,
    text: `Bonjour ${alert.name},\n\nLa tâche ${alert.jobName} (file ${alert.queue}) a échoué à chaque tentative et a été mise de côté.\nThe ${alert.jobName} job (queue ${alert.queue}) failed every attempt and was set aside.\n\n${alert.error}\n\n${publicUrl}/admin/queues\n\nAllure`,
  }),
};

function isTopic(topic: string): topic is MailTopic {
  return Object.hasOwn(payloads, topic);
}

/** Renders an outbox message; throws UnsendableMessageError when its topic or payload is not one we send. */
export function renderMail(topic: string, payload: unknown, publicUrl: string): Mail {
  if (!isTopic(topic)) throw new UnsendableMessageError(`no e-mail for topic ${topic}`);
  const parsed = payloads[topic].safeParse(payload);
  if (!parsed.success) throw new UnsendableMessageError(`payload of ${topic}: ${parsed.error.message}`);
  // The topic picks both the schema and the template, which TypeScript cannot correlate by itself.
  const template = templates[topic] as (data: unknown, publicUrl: string) => Mail;
  return template(parsed.data, publicUrl);
}
