import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTime } from './date-time.js';

export interface IssuedCode {
  code: string;
  expiresAt: string | Date;
  terminalName: string;
}

/** The one-time code, large enough to read across a counter, with when it stops working. */
export function EnrollmentCode(props: { issued: IssuedCode; onClose: () => void }) {
  const { t } = useTranslation();
  const { time } = useDateTime();
  const expiresAt = new Date(props.issued.expiresAt).getTime();
  const [expired, setExpired] = useState(() => Date.now() >= expiresAt);
  useEffect(() => {
    const timer = setTimeout(() => setExpired(true), Math.max(0, expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [expiresAt]);

  return (
    <div
      className="card enrollment"
      data-testid="enrollment-code"
      role="dialog"
      aria-labelledby="enrollment-title"
    >
      <h3 id="enrollment-title">{t('team.terminals.codeTitle', { name: props.issued.terminalName })}</h3>
      <p className="muted">{t('team.terminals.codeHint2')}</p>
      <p className={expired ? 'code expired' : 'code'} aria-live="polite">
        {props.issued.code}
      </p>
      <p className={expired ? 'error' : 'muted'}>
        {expired ? t('team.terminals.expired') : t('team.terminals.expires', { time: time(expiresAt) })}
      </p>
      <div className="row">
        <button type="button" onClick={props.onClose}>
          {t('team.terminals.close')}
        </button>
      </div>
    </div>
  );
}
