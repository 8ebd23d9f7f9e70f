import { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type TransferProgress } from '../../../src-shared/transfer-progress.js';
import { formatBytes, formatDuration } from '../../i18n/format.js';
import './transfer.css';

/** "42 %", "1.2 MB of 3 MB", "512 kB/s", "2 minutes left": what is known of a transfer, in order. */
export function transferParts(progress: TransferProgress, language: string, t: TFunction): string[] {
  const bytes = (n: number) => formatBytes(n, language);
  const parts: string[] = [];
  if (progress.percent !== null)
    parts.push(
      new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(progress.percent / 100),
    );
  parts.push(
    progress.total !== null
      ? t('transfer.ofTotal', { done: bytes(progress.transferred), total: bytes(progress.total) })
      : t('transfer.soFar', { done: bytes(progress.transferred) }),
  );
  if (progress.bytes_per_second > 0) parts.push(t('transfer.speed', { speed: bytes(progress.bytes_per_second) }));
  if (progress.seconds_left !== null && progress.seconds_left > 0)
    parts.push(t('transfer.timeLeft', { time: formatDuration(progress.seconds_left, language) }));
  return parts;
}

/**
 * How far a transfer is: a progress bar (indeterminate while the size is unknown) whose value and
 * text a screen reader reads, and the same figures as a line of text below it.
 */
export function TransferBar({ progress, label }: { progress: TransferProgress; label: string }) {
  const { t, i18n } = useTranslation();
  const text = transferParts(progress, i18n.language, t).join(' · ');
  const percent = progress.percent === null ? null : Math.round(progress.percent);
  return (
    <div className="transfer">
      <div
        className={`transfer__track${percent === null ? ' transfer__track--indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={text}
      >
        <div className="transfer__fill" style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <p className="transfer__meta">{text}</p>
    </div>
  );
}
