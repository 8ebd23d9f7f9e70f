/** Deutsche Texte von Eigenes Konto → Passkeys (Teil der Texte von Eigenes Konto). */
import { type AccountResources } from './types.js';

export const dePasskeys: Pick<AccountResources, 'passkeys'> = {
  passkeys: {
    intro:
      'Mit einem Passkey melden Sie sich über die Bildschirmsperre Ihres Geräts, einen Passwort-Manager oder einen Sicherheitsschlüssel an statt mit Ihrem Kennwort. Nach dem Kennwort dient ein Passkey auch als zweiter Faktor.',
    addTitle: 'Passkey hinzufügen',
    name: 'Name',
    nameHint: 'Damit Sie Ihre Passkeys unterscheiden können, zum Beispiel „Arbeits-Laptop“.',
    add: 'Passkey hinzufügen',
    adding: 'Warten auf Ihren Passkey …',
    added: 'Der Passkey „{{name}}“ wurde hinzugefügt. Ihre anderen Sitzungen wurden beendet.',
    password: 'Kennwort',
    passwordNeeded:
      'Ihre letzte Anmeldung liegt mehr als 5 Minuten zurück: Geben Sie Ihr Kennwort ein, um fortzufahren.',
    count: '{{count}} von {{limit}} Passkeys',
    limitReached:
      'Sie haben {{limit}} Passkeys, mehr sind nicht erlaubt. Löschen Sie einen, um einen neuen hinzuzufügen.',
    notAllowed:
      'Auf dieser Website können keine Passkeys hinzugefügt werden. Ihre Passkeys können Sie weiterhin umbenennen und löschen.',
    desktop:
      'Die Desktop-Konsole kann keine Passkeys erstellen. Öffnen Sie dazu „Eigenes Konto“ in Ihrem Webbrowser. Hier können Sie Ihre Passkeys umbenennen und löschen.',
    listTitle: 'Ihre Passkeys',
    none: 'Sie haben noch keine Passkeys.',
    synced: 'Synchronisiert',
    deviceBound: 'Auf einem Gerät',
    unknownAuthenticator: 'Unbekannter Authentifikator',
    created: 'Hinzugefügt {{time}}',
    lastUsed: 'Zuletzt verwendet {{time}}',
    neverUsed: 'Noch nicht verwendet',
    flagged: 'Gesperrt',
    flaggedHelp:
      'Bei einer Anmeldung mit diesem Passkey war der Zähler niedriger als zuvor, er wurde also möglicherweise kopiert. Er meldet Sie nicht mehr an. Löschen Sie ihn und fügen Sie einen neuen hinzu.',
    rename: 'Umbenennen',
    renameLabel: 'Passkey {{name}} umbenennen',
    newName: 'Neuer Name',
    save: 'Speichern',
    renamed: 'Der Passkey heißt jetzt „{{name}}“.',
    delete: 'Löschen',
    deleteLabel: 'Passkey {{name}} löschen',
    deleteConfirm:
      'Den Passkey „{{name}}“ löschen? Er meldet Sie dann nicht mehr an, und Ihre anderen Sitzungen werden beendet.',
    deleted: 'Der Passkey „{{name}}“ wurde gelöscht. Ihre anderen Sitzungen wurden beendet.',
  },
};
