/** Deutsche Texte: Anmeldung und Gemeinsames (im Einstiegs-Bundle). Gleiche Schlüssel wie en-login.ts (vom Typ erzwungen). */
import { type LoginResources } from './types.js';

export const deLogin: LoginResources = {
  desktopSignIn: {
    title: 'Bei der Desktop-Konsole anmelden',
    intro:
      'Ihre Desktop-Konsole wartet auf Ihre Anmeldung. Melden Sie sich hier an; die Konsole erhält dann eine eigene Sitzung.',
    confirm: 'Die Desktop-Konsole als {{name}} ({{username}}) anmelden?',
    approve: 'Konsole anmelden',
    deny: 'Anmeldung der Konsole abbrechen',
    leaving: 'Die Konsole wird angemeldet …',
    doneTitle: 'Sie können zur Konsole zurückkehren',
    doneText: 'Die Desktop-Konsole ist angemeldet. Sie können diesen Tab schließen.',
    failedTitle: 'Die Konsole wurde nicht angemeldet',
    again: 'Starten Sie die Anmeldung erneut in der Konsole.',
  },
  app: {
    title: 'Konsole des Support-Technikers',
    language: 'Sprache',
    loading: 'Wird geladen …',
    unreachable: 'Das Gerät ist nicht erreichbar. Prüfen Sie Ihre Netzwerkverbindung und versuchen Sie es erneut.',
    retry: 'Erneut versuchen',
    skipToContent: 'Zum Inhalt springen',
    version: 'Gerätesoftware {{version}}',
  },
  languages: { en: 'English', de: 'Deutsch' },
  siteSetup: {
    title: 'Mit Ihrer Website verbinden',
    intro: 'Geben Sie die Adresse Ihrer Support-Website ein, wie Ihr Administrator sie Ihnen genannt hat.',
    url: 'Adresse der Website',
    urlHint: 'Zum Beispiel https://support.example.com',
    save: 'Verbinden',
    insecure: 'Die Adresse muss mit https:// beginnen (http:// nur für diesen Computer).',
  },
  common: {
    cancel: 'Abbrechen',
    required: 'Dieses Feld ist erforderlich.',
    copied: 'In die Zwischenablage kopiert.',
    copyFailed: 'Kopieren fehlgeschlagen. Markieren Sie den Text und kopieren Sie ihn von Hand.',
    on: 'An',
    off: 'Aus',
  },
  login: {
    browser: 'Im Browser anmelden',
    browserWaiting:
      'Fahren Sie im Browser fort: Melden Sie sich dort mit einer der Methoden Ihrer Site an. Die Konsole meldet Sie an, sobald Sie fertig sind.',
    browserCancel: 'Anmeldung im Browser abbrechen',
    withProvider: 'Mit {{name}} anmelden',
    ssoRequired:
      'Techniker melden sich über den Identitätsanbieter der Site an. Das Kennwort-Formular ist für Administratoren.',
    username: 'Benutzername',
    password: 'Kennwort',
    submit: 'Anmelden',
    submitting: 'Anmeldung läuft …',
    or: 'oder',
    passkeySignIn: 'Mit Passkey anmelden',
    passkeyWaiting: 'Warten auf Ihren Passkey …',
    otpTitle: 'Zwei-Faktor-Authentifizierung',
    otpIntro: 'Geben Sie den 6-stelligen Code aus Ihrer Authentifikator-App ein.',
    otpCode: 'Code der Authentifikator-App',
    recoveryIntro:
      'Geben Sie einen der Wiederherstellungscodes ein, die Sie beim Einrichten gespeichert haben. Jeder gilt nur einmal.',
    recoveryCode: 'Wiederherstellungscode',
    useRecovery: 'Stattdessen einen Wiederherstellungscode verwenden',
    useOtp: 'Stattdessen einen Code der App verwenden',
    passkeyIntro: 'Bestätigen Sie mit einem der Passkeys, die Sie Ihrem Konto hinzugefügt haben.',
    usePasskey: 'Passkey verwenden',
    verify: 'Bestätigen',
    back: 'Zurück',
    forgot: 'Kennwort vergessen?',
    forgotTitle: 'Kennwort zurücksetzen',
    forgotIntro:
      'Geben Sie Ihren Benutzernamen oder Ihre E-Mail-Adresse ein. Passt sie zu einem Konto, senden wir einen Link zum Zurücksetzen des Kennworts.',
    usernameOrEmail: 'Benutzername oder E-Mail-Adresse',
    sendLink: 'Link senden',
    resetSent: 'Falls ein Konto passt, ist eine E-Mail mit einem Link unterwegs. Der Link gilt 24 Stunden.',
    backToLogin: 'Zurück zur Anmeldung',
    resetTitle: 'Neues Kennwort festlegen',
    resetIntro: 'Legen Sie das neue Kennwort für Ihr Konto fest. Es muss die Regeln der Website erfüllen.',
    resetSubmit: 'Neues Kennwort festlegen',
    resetDone:
      'Ihr Kennwort wurde geändert und alle Ihre Sitzungen wurden beendet. Melden Sie sich mit dem neuen Kennwort an.',
    goToLogin: 'Zur Anmeldung',
    loggedOut: 'Sie haben sich abgemeldet.',
    revoked: {
      password_changed:
        'Ihr Kennwort wurde geändert, daher wurde diese Sitzung beendet. Bitte melden Sie sich erneut an.',
      ended_by_admin: 'Ein Administrator hat diese Sitzung beendet. Bitte melden Sie sich erneut an.',
      ended_by_user: 'Diese Sitzung wurde aus einer anderen Sitzung beendet. Bitte melden Sie sich erneut an.',
      logged_out: 'Diese Sitzung wurde abgemeldet. Bitte melden Sie sich erneut an.',
      disabled: 'Ihr Konto wurde deaktiviert. Wenden Sie sich an Ihren Administrator.',
      expired: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
      reset: 'Ihr Kennwort wurde zurückgesetzt, daher wurde diese Sitzung beendet. Bitte melden Sie sich erneut an.',
      passkeys_changed:
        'Ihrem Konto wurde ein Passkey hinzugefügt oder entfernt, daher wurde diese Sitzung beendet. Bitte melden Sie sich erneut an.',
      two_factor_changed:
        'Die Zwei-Faktor-Authentifizierung Ihres Kontos wurde auf eine andere App umgestellt oder deaktiviert, daher wurde diese Sitzung beendet. Bitte melden Sie sich erneut an.',
      email_changed:
        'Die E-Mail-Adresse Ihres Kontos wurde geändert, daher wurde diese Sitzung beendet. Bitte melden Sie sich erneut an.',
    },
  },
  /** What the person did in a passkey ceremony (login screen and My Account). */
  passkeyCeremony: {
    cancelled: 'Die Passkey-Anfrage wurde abgebrochen oder ist abgelaufen. Versuchen Sie es erneut.',
    already_registered: 'Dieser Authentifikator enthält bereits einen Passkey für Ihr Konto.',
    unsupported: 'Dieser Browser oder dieses Gerät kann hier keine Passkeys verwenden.',
    failed: 'Die Passkey-Anfrage hat nicht funktioniert. Versuchen Sie es erneut.',
  },
  errors: {
    desktop_redirect_invalid:
      'Die Anmeldeanfrage der Konsole ist ungültig. Starten Sie die Anmeldung erneut in der Konsole.',
    desktop_challenge_invalid:
      'Die Anmeldeanfrage der Konsole ist ungültig. Starten Sie die Anmeldung erneut in der Konsole.',
    desktop_state_invalid:
      'Die Anmeldeanfrage der Konsole ist ungültig. Starten Sie die Anmeldung erneut in der Konsole.',
    desktop_request_invalid:
      'Diese Konsolen-Anmeldung ist unbekannt, abgelaufen oder bereits beantwortet. Starten Sie sie erneut in der Konsole.',
    desktop_code_invalid: 'Die Konsole hat keinen gültigen Anmeldecode erhalten. Versuchen Sie es erneut.',
    desktop_code_used: 'Dieser Anmeldecode wurde bereits verwendet. Versuchen Sie es erneut.',
    desktop_code_expired:
      'Die Anmeldung hat zu lange gebraucht, um die Konsole zu erreichen (der Code gilt eine Minute). Versuchen Sie es erneut.',
    desktop_verifier_mismatch: 'Die Anmeldung stammt nicht von dieser Konsole. Versuchen Sie es erneut.',
    desktop_redirect_mismatch: 'Die Anmeldung ist nicht zu dieser Konsole zurückgekehrt. Versuchen Sie es erneut.',
    desktop_state_mismatch: 'Diese Antwort gehört nicht zu der Anmeldung, auf die die Konsole wartet.',
    desktop_callback_repeated: 'Die Konsole hat diese Anmeldung bereits erhalten.',
    desktop_sign_in_timeout:
      'Die Anmeldung im Browser wurde nicht innerhalb von fünf Minuten abgeschlossen. Versuchen Sie es erneut.',
    desktop_sign_in_denied: 'Die Anmeldung wurde im Browser abgebrochen.',
    sso_required:
      'Diese Site meldet Techniker über ihren Identitätsanbieter an. Verwenden Sie die Schaltfläche dafür unten.',
    sso_state_invalid:
      'Diese Anmeldung ist unbekannt, abgelaufen, schon verwendet oder in einem anderen Browser begonnen worden. Beginnen Sie erneut.',
    sso_provider_error:
      'Der Identitätsanbieter hat Sie nicht angemeldet. Versuchen Sie es erneut oder fragen Sie Ihren Administrator.',
    sso_issuer_mismatch:
      'Die Antwort des Identitätsanbieters stammt von einem anderen Aussteller und wurde abgelehnt. Fragen Sie Ihren Administrator.',
    sso_audience_mismatch:
      'Die Antwort des Identitätsanbieters war für eine andere Anwendung bestimmt und wurde abgelehnt. Fragen Sie Ihren Administrator.',
    sso_token_expired:
      'Die Antwort des Identitätsanbieters ist abgelaufen. Prüfen Sie die Uhr dieses Computers und versuchen Sie es erneut.',
    sso_nonce_mismatch:
      'Die Antwort des Identitätsanbieters gehört zu einer anderen Anmeldung und wurde abgelehnt. Beginnen Sie erneut.',
    sso_signature_invalid:
      'Die Antwort des Identitätsanbieters ist nicht mit seinen veröffentlichten Schlüsseln signiert und wurde abgelehnt. Fragen Sie Ihren Administrator.',
    sso_token_invalid: 'Die Antwort des Identitätsanbieters ist ungültig. Fragen Sie Ihren Administrator.',
    sso_username_invalid:
      'Ihr Identitätsanbieter hat keinen Benutzernamen gesendet, den diese Site akzeptiert. Fragen Sie Ihren Administrator.',
    sso_user_unknown:
      'Für Sie gibt es auf dieser Site noch kein Konto. Bitten Sie Ihren Administrator, eines anzulegen.',
    identity_provider_disabled:
      'Die Anmeldung mit diesem Identitätsanbieter ist ausgeschaltet. Fragen Sie Ihren Administrator.',
    identity_provider_unreachable: 'Der Identitätsanbieter ist nicht erreichbar. Versuchen Sie es später erneut.',
    invalid_credentials: 'Benutzername oder Kennwort ist falsch.',
    otp_invalid: 'Der Code ist ungültig. Geben Sie den Code ein, den Ihre App jetzt anzeigt.',
    otp_required: 'Geben Sie den Code aus Ihrer Authentifikator-App ein.',
    account_locked_for: 'Ihr Konto ist nach zu vielen Fehlversuchen gesperrt. Versuchen Sie es in {{time}} erneut.',
    account_locked_admin:
      'Ihr Konto ist nach zu vielen Fehlversuchen gesperrt. Bitten Sie Ihren Administrator, es zu entsperren.',
    account_disabled: 'Ihr Konto ist deaktiviert. Wenden Sie sich an Ihren Administrator.',
    not_ready: 'Die Appliance startet gerade neu. Versuchen Sie es gleich noch einmal.',
    rate_limited: 'Zu viele Versuche. Warten Sie einen Moment und versuchen Sie es erneut.',
    network_error: 'Das Gerät ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    password_policy: 'Das Gerät hat das neue Kennwort abgelehnt: siehe die markierten Regeln unten.',
    username_mismatch: 'Das ist nicht der Benutzername, mit dem Sie angemeldet sind.',
    two_factor_enforced:
      'Ihr Administrator erzwingt die Zwei-Faktor-Authentifizierung, daher kann sie nicht deaktiviert werden.',
    current_factor_required:
      'Die Zwei-Faktor-Authentifizierung ist aktiv: Geben Sie einen Code aus Ihrer bisherigen Authentifikator-App oder einen unbenutzten Wiederherstellungscode ein.',
    two_factor_not_pending: 'Die Einrichtung ist abgelaufen. Beginnen Sie erneut.',
    two_factor_not_enabled: 'Die Zwei-Faktor-Authentifizierung ist nicht aktiviert.',
    extended_availability_not_allowed:
      'Ihr Administrator hat den erweiterten Verfügbarkeitsmodus für Ihr Konto nicht zugelassen.',
    language_not_enabled: 'Diese Sprache ist für die Website nicht aktiviert.',
    photo_too_large: 'Das Gerät hat das Foto abgelehnt: Es ist größer als 1 MB.',
    photo_too_small: 'Das Gerät hat das Foto abgelehnt: Es muss mindestens 80 × 80 Pixel groß sein.',
    photo_unsupported_type: 'Das Gerät hat das Foto abgelehnt: Nur PNG- und JPEG-Bilder sind erlaubt.',
    photo_corrupt: 'Das Gerät konnte das Bild nicht lesen. Wählen Sie eine andere Datei.',
    photo_too_many_pixels: 'Das Bild hat zu viele Pixel. Wählen Sie ein kleineres Bild.',
    payload_too_large: 'Die Datei ist zu groß.',
    invalid_text: 'Der Text enthält Zeichen, die nicht gespeichert werden können (ungültige oder unsichtbare Zeichen).',
    request_timeout: 'Die Anfrage hat zu lange gedauert und wurde abgebrochen. Bitte versuchen Sie es erneut.',
    validation_failed: 'Einige Eingaben sind ungültig.',
    unauthenticated: 'Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.',
    session_expired: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
    csrf_failed: 'Das Sicherheitstoken der Seite fehlt oder ist veraltet. Laden Sie die Seite neu.',
    forbidden: 'Dazu sind Sie nicht berechtigt.',
    password_change_required: 'Ändern Sie zuerst Ihr Kennwort.',
    two_factor_enrollment_required: 'Richten Sie zuerst die Zwei-Faktor-Authentifizierung ein.',
    download_write_failed:
      'Die Datei konnte nicht gespeichert werden. Prüfen Sie, ob Ihr Download-Ordner existiert und genug Speicherplatz hat.',
    not_found: 'Nicht gefunden.',
    insecure_site_url: 'Die Adresse muss mit https:// beginnen (http:// nur für diesen Computer).',
    site_not_configured: 'Es ist noch keine Support-Website eingerichtet.',
    site_change_refused:
      'Die Konsole bleibt mit ihrer bisherigen Website verbunden: Der Wechsel wurde nicht bestätigt.',
    passkeys_not_allowed: 'Ihr Administrator hat Passkeys für diese Website deaktiviert.',
    passwordless_not_allowed:
      'Die Anmeldung nur mit einem Passkey ist auf dieser Website deaktiviert. Melden Sie sich mit Ihrem Kennwort an.',
    passkeys_unavailable:
      'Diese Website kann keine Passkeys anbieten: Sie wird nicht über einen Hostnamen erreicht. Fragen Sie Ihren Administrator.',
    passkey_limit_reached: 'Sie haben bereits die größte erlaubte Zahl an Passkeys. Löschen Sie zuerst einen.',
    passkey_already_registered: 'Dieser Passkey ist bereits registriert.',
    recent_sign_in_required: 'Geben Sie Ihr Kennwort ein, um fortzufahren.',
    passkey_challenge_invalid:
      'Die Passkey-Anfrage ist abgelaufen oder wurde bereits verwendet. Versuchen Sie es erneut.',
    passkey_invalid: 'Der Passkey konnte nicht geprüft werden. Versuchen Sie es erneut.',
    passkey_unknown: 'Dieser Passkey ist für kein Konto auf dieser Website registriert.',
    passkey_flagged:
      'Dieser Passkey wurde gesperrt, weil er möglicherweise kopiert wurde. Melden Sie sich anders an und löschen Sie ihn unter „Eigenes Konto“.',
    user_verification_required:
      'Ihr Passkey muss Sie hier bestätigen (PIN, Fingerabdruck oder Gesicht). Versuchen Sie es erneut oder melden Sie sich mit Ihrem Kennwort an.',
    reset_token_invalid:
      'Dieser Link ist ungültig, bereits verwendet oder abgelaufen. Fordern Sie auf der Anmeldeseite einen neuen an.',
    generic: 'Etwas ist schiefgelaufen ({{code}}). Bitte versuchen Sie es erneut.',
  },
};
