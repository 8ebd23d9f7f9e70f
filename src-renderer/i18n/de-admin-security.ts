/** Deutsche Texte: Verwaltung > Sicherheit und Verwaltung > Kunden-Client (mit dem Verwaltungs-Chunk geladen). */
import { type enAdminSecurity } from './en-admin-security.js';

export const deAdminSecurity: typeof enAdminSecurity = {
  security: {
    intro:
      'Die Regeln, nach denen sich alle Support-Techniker dieser Site anmelden. Jedes Feld wird bei der Eingabe geprüft, nach denselben Regeln, die die Appliance beim Speichern anwendet.',
    groups: {
      passwords: 'Kennwörter',
      lockout: 'Sperre',
      sessions: 'Sitzungen und zweiter Faktor',
      passkeys: 'Passkeys',
      sso: 'Einmalanmeldung (SSO)',
      languages: 'Sprachen und Hinweise',
    },
    fields: {
      min_password_length: 'Mindestlänge des Kennworts',
      require_complex_passwords: 'Klein- und Großbuchstaben, eine Ziffer und ein Sonderzeichen verlangen',
      block_common_passwords: 'Gängige und leicht zu erratende Kennwörter ablehnen',
      min_password_strength: 'Mindeststärke',
      password_history: 'Gemerkte Kennwörter (dürfen nicht wiederverwendet werden)',
      password_expiration_days: 'Kennwort läuft ab nach (Tagen)',
      lockout_after_failures: 'Konto nach so vielen Fehlversuchen sperren',
      lockout_duration_minutes: 'Dauer der Sperre (Minuten)',
      unlock_by_admin_only: 'Nur ein Administrator entsperrt ein gesperrtes Konto',
      session_idle_timeout_minutes: 'Nach so vielen Minuten ohne Aktivität abmelden',
      two_factor_required: 'Zwei-Faktor-Authentifizierung für alle verlangen',
      passkeys_allowed: 'Passkeys erlauben',
      passwordless_allowed: 'Anmeldung nur mit einem Passkey erlauben (ohne Kennwort)',
      passkey_user_verification: 'Benutzerüberprüfung (PIN, Fingerabdruck) bei Passkeys',
      sso_required_for_non_admins: 'Support-Techniker melden sich nur über einen Identitätsanbieter an',
      languages: 'Angebotene Sprachen',
      default_language: 'Standardsprache',
      password_reset_enabled: 'Zurücksetzen des Kennworts per E-Mail erlauben',
      new_device_sign_in_notice:
        'Support-Techniker per E-Mail benachrichtigen, wenn sie sich von einem neuen Gerät anmelden',
    },
    hints: {
      min_password_strength: 'Setzt „Gängige Kennwörter ablehnen“ voraus. 0 prüft nur die Liste geleakter Kennwörter.',
      password_history: '0 merkt sich keines.',
      password_expiration_days: '0: Kennwörter laufen nie ab.',
      lockout_duration_minutes: 'Wie lange ein gesperrtes Konto gesperrt bleibt, bevor es sich selbst entsperrt.',
      two_factor_required:
        'Support-Techniker ohne zweiten Faktor können nur noch einen einrichten, bis sie einen haben.',
      passwordless_allowed: 'Setzt „Passkeys erlauben“ voraus.',
      sso_required_for_non_admins:
        'Administratoren behalten ihr lokales Kennwort, damit ein gestörter Anbieter die Site nicht aussperrt.',
      new_device_sign_in_notice: 'Ein Client und eine IP-Adresse, die für die Person seit 90 Tagen nicht vorkamen.',
    },
    strength: {
      '0': '0 – nur Liste geleakter Kennwörter',
      '1': '1 – sehr leicht zu erraten',
      '2': '2 – einigermaßen zu erraten',
      '3': '3 – sicher nicht zu erraten',
      '4': '4 – sehr sicher nicht zu erraten',
    },
    verification: { preferred: 'Bevorzugt (wenn der Authenticator es kann)', required: 'Erforderlich' },
    languageNames: { en: 'Englisch', de: 'Deutsch' },
    problems: {
      range: 'Geben Sie eine ganze Zahl von {{min}} bis {{max}} ein.',
      count: 'Wählen Sie mindestens {{min}} Sprache.',
      language_not_enabled: 'Die Standardsprache muss eine der angebotenen Sprachen sein.',
      invalid: 'Dieser Wert ist nicht erlaubt.',
    },
    preview: {
      title: 'Was ein Kennwort erfüllen muss',
      intro:
        'Probieren Sie ein Kennwort mit den Regeln oben aus, wie sie gerade eingestellt sind (es wird weder gespeichert noch gesendet).',
      label: 'Beispielkennwort',
    },
    providers: {
      none: 'Es ist noch kein Identitätsanbieter eingerichtet.',
      caption: 'Identitätsanbieter',
      name: 'Name',
      issuer: 'Aussteller',
      state: 'Status',
      enabled: 'Aktiviert',
      disabled: 'Deaktiviert',
      redirect: 'Beim Anbieter einzutragende Weiterleitungs-URI',
      action: 'Aktion',
      enable: 'Aktivieren',
      disable: 'Deaktivieren',
      enableNamed: '{{name}} aktivieren',
      disableNamed: '{{name}} deaktivieren',
    },
    pending: 'Nicht gespeicherte Änderungen',
    noChanges: 'Noch nichts geändert.',
    save: 'Sicherheitseinstellungen speichern',
    reset: 'Änderungen verwerfen',
    saved: 'Gespeichert. Geändert wurde:',
    fix: 'Korrigieren Sie zuerst die markierten Felder.',
    refused: {
      title: 'Nicht gespeichert',
      no_second_factor:
        'Dann wäre die Zwei-Faktor-Authentifizierung auch für Sie Pflicht, und Sie haben keinen zweiten Faktor: Sie wären von der Verwaltung ausgesperrt. Richten Sie zuerst unter „Mein Konto“ eine Authenticator-App oder einen Passkey ein.',
      passkeys_only_factor:
        'Ihr einziger zweiter Faktor ist ein Passkey. Mit abgeschalteten Passkeys und verlangter Zwei-Faktor-Authentifizierung könnten Sie sich nicht anmelden. Richten Sie zuerst unter „Mein Konto“ eine Authenticator-App ein.',
      last_enabled_identity_provider:
        'Support-Techniker müssen sich über einen Identitätsanbieter anmelden, und dies ist der letzte aktivierte. Schalten Sie diese Vorgabe zuerst ab.',
      no_enabled_identity_provider:
        'Es ist kein Identitätsanbieter aktiviert, daher könnte sich kein Support-Techniker anmelden. Aktivieren Sie zuerst einen Anbieter.',
    },
    overview: {
      title: 'Sicherheitsübersicht',
      intro: 'Anmeldungen, Fehlversuche und Sperren der ganzen Site pro Tag, die letzten {{days}} Tage (UTC).',
      totals: 'Letzte {{days}} Tage: {{signIns}} Anmeldungen, {{failed}} Fehlversuche, {{lockouts}} Sperren.',
      chartLabel: 'Diagramm der Anmeldungen, Fehlversuche und Sperren pro Tag',
      showTable: 'Als Tabelle anzeigen',
      day: 'Tag',
      signIns: 'Anmeldungen',
      failed: 'Fehlversuche',
      lockouts: 'Sperren',
    },
  },
  customerClient: {
    intro:
      'Wie sich der Kunden-Client auf Windows-Systemen heraufsetzt, auf denen der Heraufsetzungsdienst installiert ist und dessen Site-Hash mit dem dieser Site übereinstimmt.',
    elevate_automatically: 'Zu Beginn einer Sitzung automatisch heraufsetzen',
    elevate_automaticallyHint:
      'Der Kunden-Client setzt sich herauf, sobald eine Sitzung von dieser Site beginnt. Weder der Support-Techniker noch der Kunde wird nach Anmeldedaten gefragt.',
    elevate_on_request: 'Heraufsetzen, wenn der Support-Techniker auf „Heraufsetzen“ klickt',
    elevate_on_requestHint:
      'Ist die automatische Heraufsetzung aus, erlaubt ein übereinstimmender Hash des Heraufsetzungsdienstes trotzdem die Heraufsetzung aus der Konsole, ohne Anmeldedaten.',
    onRequestCovered: 'Die automatische Heraufsetzung ist an: Diese Regel gilt nur, solange sie aus ist.',
    hashNote:
      'Nach einer Softwareaktualisierung ändert sich der Hash der Site: Support-Techniker laden die Registrierungsdatei des Heraufsetzungsdienstes erneut herunter und führen sie aus (Mein Konto → Downloads).',
    save: 'Regeln speichern',
    saved: 'Gespeichert. Geändert wurde:',
    lastChanged: 'Zuletzt geändert am {{time}}.',
    never: 'Die Standardwerte wurden nicht geändert.',
  },
};
