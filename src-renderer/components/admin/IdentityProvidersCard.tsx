/**
 * Management > Security's identity providers: the list, "Add identity provider", and the provider
 * form for a new or an opened provider. After saving, what the appliance stored is listed
 * (field: old → new, the secret only as set), as the rest of the screen does.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type IdentityProvider } from '../../../src-shared/api/identity-providers.js';
import { Alert } from '../ui/Alert.js';
import { Button } from '../ui/Button.js';
import { Card } from '../ui/Section.js';
import { IdentityProviderForm } from './IdentityProviderForm.js';
import { IdentityProviderList } from './IdentityProviderList.js';
import { ChangeList } from './SecurityChanges.js';
import { type SavedProvider, useProviderLabels } from './provider-texts.js';

type Editing = { stored: IdentityProvider | null } | null;

export function IdentityProvidersCard({ providers }: { providers: IdentityProvider[] | null }) {
  const { t } = useTranslation();
  const { labelOf } = useProviderLabels();
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<SavedProvider>();
  const savedNote = useRef<HTMLDivElement>(null);

  const open = (stored: IdentityProvider | null) => {
    setSaved(undefined);
    setEditing({ stored });
  };
  const done = (outcome: SavedProvider) => {
    setEditing(null);
    setSaved(outcome);
  };
  // The form is gone; the keyboard goes on at what was stored.
  useEffect(() => {
    if (saved) savedNote.current?.focus();
  }, [saved]);
  const cancel = () => {
    setEditing(null);
    requestAnimationFrame(() => document.getElementById('provider-add')?.focus());
  };

  return (
    <Card title={t('security.providers.caption')}>
      <IdentityProviderList providers={providers} onEdit={open} />
      {saved && (
        <div tabIndex={-1} ref={savedNote} id="provider-saved">
          <Alert kind="success">
            <p>
              {t(saved.added ? 'security.providerForm.added' : 'security.providerForm.saved', {
                name: saved.provider.name,
              })}
            </p>
            <ChangeList changes={saved.changes} labelOf={labelOf} />
          </Alert>
        </div>
      )}
      {editing ? (
        <IdentityProviderForm
          key={editing.stored?.id ?? 'new'}
          stored={editing.stored}
          onSaved={done}
          onCancel={cancel}
        />
      ) : (
        <div className="form-actions">
          <Button id="provider-add" type="button" onClick={() => open(null)}>
            {t('security.providerForm.add')}
          </Button>
        </div>
      )}
    </Card>
  );
}
