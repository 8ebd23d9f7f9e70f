/** Deutsche Texte: die Verwaltungsseiten (mit ihrem eigenen Chunk geladen). */
import { type enAdmin } from './en-admin.js';

export const deAdmin: typeof enAdmin = {
  audit: {
    intro:
      'Jede administrative Änderung: wer sie wann und von wo vorgenommen hat, mit den Werten vorher und nachher. Geheimnisse werden nie protokolliert.',
    filter: 'Prüfprotokoll filtern',
    actor: 'Geändert von',
    kind: 'Aktion',
    allKinds: 'Alle Aktionen',
    everyKindOf: 'Jede Aktion: {{group}}',
    groups: { security: 'Sicherheit', user: 'Benutzer' },
    from: 'Von',
    to: 'Bis',
    apply: 'Anzeigen',
    export: 'Als CSV exportieren',
    exportStarted: 'Die CSV-Datei wird heruntergeladen.',
    savedTo: 'Gespeichert unter {{path}}',
    caption: 'Prüfprotokoll, neueste zuerst',
    time: 'Zeit',
    target: 'Geändert',
    changes: 'Vorher → nachher',
    address: 'IP-Adresse',
    empty: 'Keine Änderungen entsprechen diesem Filter.',
    more: 'Ältere Änderungen anzeigen',
    system: 'Die Appliance',
    none: '—',
    yes: 'ja',
    no: 'nein',
    kinds: {
      security_updated: 'Sicherheitseinstellungen geändert',
      user_created: 'Benutzer angelegt',
      user_updated: 'Benutzer geändert',
      user_unlocked: 'Benutzer entsperrt',
      user_two_factor_reset: 'Zwei-Faktor-Authentifizierung zurückgesetzt',
      user_sessions_ended: 'Alle Sitzungen beendet',
      user_set_password_link_sent: 'Link zum Festlegen des Kennworts gesendet',
    },
  },
};
