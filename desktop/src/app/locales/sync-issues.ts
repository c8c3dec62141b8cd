import type { Messages } from './messages.js';

export const fr = {
  title: 'Synchronisation',
  intro:
    'Ce que les caisses ont envoyé et que le serveur n’a pas pu accepter tel quel. Traitez chaque point, puis marquez-le comme réglé.',
  refresh: 'Actualiser',
  resolve: 'Marquer comme réglé',
  resolving: '…',
  when: 'Quand',
  till: 'Caisse',
  allClear: 'Rien à traiter.',
  quarantine: {
    title: 'Documents mis de côté',
    intro: 'Refusés par le serveur : ils ne comptent ni dans les ventes ni dans le stock.',
    what: 'Document',
    why: 'Pourquoi',
    details: 'Détail technique',
  },
  collections: {
    orders: 'Vente',
    shifts: 'Session de caisse',
    refunds: 'Remboursement',
  },
  reasons: {
    unreadable:
      'La caisse a envoyé un document illisible (souvent une application de caisse pas à jour). Mettez la caisse à jour, puis ressaisissez l’opération.',
    duplicate:
      'Un document portant le même identifiant existe déjà avec un autre contenu. Comparez avec le ticket papier avant de ressaisir quoi que ce soit.',
    wrongTill:
      'Envoyé par une caisse enrôlée pour un autre magasin ou sous une autre identité. Révoquez-la et ré-enrôlez-la.',
    currency:
      'Vente dans une autre devise que celle du magasin. Vérifiez la configuration de la caisse, puis ressaisissez la vente.',
    staff:
      'Enregistré au nom d’une personne qui ne fait pas (ou plus) partie de l’équipe du magasin. Vérifiez l’équipe, puis ressaisissez l’opération.',
    unknownProduct:
      'Contient un article inconnu du catalogue (supprimé ?). Ressaisissez la vente avec l’article correct.',
    unknownCustomer: 'Rattaché à un client inconnu. Ressaisissez la vente sans client ou avec le bon client.',
    other: 'Refusé par le serveur. Voir le détail technique.',
  },
  discrepancies: {
    title: 'Écarts sur les ventes',
    intro: 'Ventes enregistrées, mais à vérifier.',
    order: 'Ticket',
    expected: 'attendu {{amount}}',
    actual: 'encaissé {{amount}}',
  },
  discrepancyKinds: {
    price: 'Vendu à un autre prix que celui du catalogue.',
    total: 'Le total encaissé ne correspond pas aux lignes du ticket.',
    approval: 'Remise ou changement de prix sans validation d’un responsable.',
  },
  oversell: {
    title: 'Ventes hors stock',
    intro:
      'Des ventes hors ligne ont fait passer le stock sous zéro : recomptez ou transférez, puis notez ce qui a été fait.',
    short: '{{count}} en moins',
    orders_one: '{{count}} vente',
    orders_other: '{{count}} ventes',
    note: 'Ce qui a été fait',
    notePlaceholder: 'Recompté, 2 pièces trouvées en réserve',
  },
  problems: {
    unreachable: 'Serveur injoignable : réessayez dans un instant.',
    failed: 'L’opération a échoué, réessayez.',
  },
};

export const en: Messages<typeof fr> = {
  title: 'Sync',
  intro:
    'What the tills sent that the server could not take as it was. Deal with each item, then mark it handled.',
  refresh: 'Refresh',
  resolve: 'Mark handled',
  resolving: '…',
  when: 'When',
  till: 'Till',
  allClear: 'Nothing to deal with.',
  quarantine: {
    title: 'Documents set aside',
    intro: 'Refused by the server: they count neither in sales nor in stock.',
    what: 'Document',
    why: 'Why',
    details: 'Technical detail',
  },
  collections: {
    orders: 'Sale',
    shifts: 'Till shift',
    refunds: 'Refund',
  },
  reasons: {
    unreadable:
      'The till sent a document the server cannot read (often an out-of-date till app). Update the till, then enter the operation again.',
    duplicate:
      'A document with the same id already exists with other content. Compare with the paper receipt before entering anything again.',
    wrongTill:
      'Sent by a till enrolled for another store or under another identity. Revoke it and enroll it again.',
    currency:
      'A sale in another currency than the store’s. Check the till’s setup, then enter the sale again.',
    staff:
      'Recorded for someone who is not (or no longer) on this store’s team. Check the team, then enter the operation again.',
    unknownProduct:
      'Contains an item the catalogue does not know (deleted?). Enter the sale again with the right item.',
    unknownCustomer:
      'Linked to an unknown customer. Enter the sale again without a customer or with the right one.',
    other: 'Refused by the server. See the technical detail.',
  },
  discrepancies: {
    title: 'Sales to check',
    intro: 'Sales recorded, but to be checked.',
    order: 'Receipt',
    expected: 'expected {{amount}}',
    actual: 'charged {{amount}}',
  },
  discrepancyKinds: {
    price: 'Sold at another price than the catalogue’s.',
    total: 'The total charged does not match the receipt’s lines.',
    approval: 'A discount or price change without a manager’s approval.',
  },
  oversell: {
    title: 'Sold beyond stock',
    intro: 'Offline sales took stock below zero: count again or transfer, then note what was done.',
    short: '{{count}} short',
    orders_one: '{{count}} sale',
    orders_other: '{{count}} sales',
    note: 'What was done',
    notePlaceholder: 'Counted again, 2 found in the back room',
  },
  problems: {
    unreachable: 'Server unreachable: try again in a moment.',
    failed: 'That did not work, try again.',
  },
};
