/**
 * A labelled file picker: the browser's own control (keyboard and screen readers know it), or, in
 * the desktop console, a button that has main open its dialog (`pick`: AdminUploads.pickFile),
 * since main sends the file; the chosen file's name is said next to it.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type UploadFile } from '../../../../src-shared/console-api.js';
import { type PickedFile } from '../../../../src-shared/desktop-uploads.js';
import { Button } from '../../ui/Button.js';

export function FileField({
  label,
  accept,
  pick,
  onChange,
}: {
  label: string;
  accept?: string;
  pick?: () => Promise<PickedFile | null>;
  onChange(file: UploadFile | null): void;
}) {
  const id = `file${useId()}`;
  if (pick) return <PickedFileField id={id} label={label} pick={pick} onChange={onChange} />;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" accept={accept} onChange={(e) => onChange(e.target.files?.[0] ?? null)} />
    </div>
  );
}

function PickedFileField({
  id,
  label,
  pick,
  onChange,
}: {
  id: string;
  label: string;
  pick: () => Promise<PickedFile | null>;
  onChange(file: PickedFile | null): void;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<PickedFile | null>(null);
  const choose = async () => {
    const file = await pick();
    // Cancelling the dialog keeps the file chosen before.
    if (file) {
      setChosen(file);
      onChange(file);
    }
  };
  return (
    <div className="field" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`}>{label}</span>
      <div>
        <Button onClick={() => void choose()} aria-describedby={`${id}-name`}>
          {t('software.chooseFile')}
        </Button>{' '}
        <span id={`${id}-name`}>{chosen ? chosen.name : t('software.noFileChosen')}</span>
      </div>
    </div>
  );
}
