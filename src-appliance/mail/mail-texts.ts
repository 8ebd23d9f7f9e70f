/** The words of every mail, per language. Add a language by adding a block with the same keys. */

/** Where My Account lists the passkeys (the web console's route). */
const passkeysPage = (f: MailFrame) => `${f.publicUrl}/console/#/passkeys`;

/** The security timeline and the session list in My Account (the web console's routes). */
const activityPage = (f: MailFrame) => `${f.publicUrl}/console/#/activity`;
const sessionsPage = (f: MailFrame) => `${f.publicUrl}/console/#/sessions`;

/** What frames every mail: the site, its public URL, and whom the mail is for. */
export interface MailFrame {
  siteName: string;
  publicUrl: string;
  recipientName: string;
}

export interface MailVars {
  password_changed: Record<string, never>;
  email_changed: { old_email: string | null; new_email: string };
  two_factor_enabled: Record<string, never>;
  two_factor_disabled: Record<string, never>;
  two_factor_switched: Record<string, never>;
  recovery_codes_regenerated: Record<string, never>;
  password_reset: { link: string; valid_hours: number };
  /** A new account's first password, chosen by its owner. */
  set_password: { link: string; valid_hours: number; username: string };
  extended_availability_enabled: { disable_link: string };
  invitation: { from_name: string; message: string | null; link: string };
  passkey_added: { name: string };
  passkey_removed: { name: string };
  passkey_flagged: { name: string };
  /** `when` is already in the mail's language; `device` e.g. "Chrome 131, Windows" (may be empty). */
  new_device_sign_in: {
    when: string;
    client: 'web' | 'console';
    console_version: string | null;
    device: string;
    ip: string;
  };
}
export type MailKind = keyof MailVars;

interface MailText {
  subject: string;
  paragraphs: string[];
  link?: { label: string; url: string };
  /** Further links, after `link`. */
  links?: Array<{ label: string; url: string }>;
}
type Texts = {
  greeting: (name: string) => string;
  footer: (siteName: string, url: string) => string;
  kinds: { [K in MailKind]: (vars: MailVars[K], frame: MailFrame) => MailText };
};

const en: Texts = {
  greeting: (name) => `Hello ${name},`,
  footer: (site, url) => `${site} – ${url}\nThis is an automatic message from your support site.`,
  kinds: {
    password_changed: (_v, f) => ({
      subject: 'Your password was changed',
      paragraphs: [
        `The password of your account on ${f.siteName} was just changed. All other sessions have been ended.`,
        'If you did not do this, contact your administrator at once.',
      ],
    }),
    email_changed: (v) => ({
      subject: 'Your email address was changed',
      paragraphs: [
        `The email address of your account was changed from ${v.old_email ?? '(none)'} to ${v.new_email}.`,
        'If you did not do this, contact your administrator at once.',
      ],
    }),
    two_factor_enabled: () => ({
      subject: 'Two-factor authentication is on',
      paragraphs: [
        'Two-factor authentication was enabled for your account. From now on you need a code from your authenticator app to log in.',
        'If you did not do this, contact your administrator at once.',
      ],
    }),
    two_factor_disabled: () => ({
      subject: 'Two-factor authentication is off',
      paragraphs: [
        'Two-factor authentication was disabled for your account.',
        'If you did not do this, contact your administrator at once.',
      ],
    }),
    two_factor_switched: () => ({
      subject: 'You switched your authenticator app',
      paragraphs: [
        'Your account now uses a new authenticator app. Codes from the previous app no longer work.',
        'If you did not do this, contact your administrator at once.',
      ],
    }),
    recovery_codes_regenerated: () => ({
      subject: 'New recovery codes',
      paragraphs: [
        'New recovery codes were created for your account. The previous codes no longer work.',
        'If you did not do this, contact your administrator at once.',
      ],
    }),
    password_reset: (v) => ({
      subject: 'Reset your password',
      paragraphs: [
        `Someone asked to reset the password of your account. The link below works once and for ${v.valid_hours} hours. A newer request makes this link invalid.`,
        'If you did not ask for this, ignore this mail: your password stays as it is.',
      ],
      link: { label: 'Choose a new password', url: v.link },
    }),
    set_password: (v, f) => ({
      subject: `Your account on ${f.siteName}`,
      paragraphs: [
        `An administrator created an account for you on ${f.siteName}. Your username is ${v.username}.`,
        `Choose your password with the link below. It works once and for ${v.valid_hours} hours; then sign in with your username and the new password.`,
      ],
      link: { label: 'Choose your password', url: v.link },
    }),
    extended_availability_enabled: (v) => ({
      subject: 'Extended availability is on',
      paragraphs: [
        'Extended availability was enabled for your account: colleagues can invite you to sessions by email while you are not logged in to the console.',
        'To turn it off without logging in, use this link (it works once):',
      ],
      link: { label: 'Turn extended availability off', url: v.disable_link },
    }),
    invitation: (v) => ({
      subject: `${v.from_name} invites you to a session`,
      paragraphs: [
        `${v.from_name} would like you to join a support session.`,
        ...(v.message ? [`Message: ${v.message}`] : []),
      ],
      link: { label: 'Join the session', url: v.link },
    }),
    passkey_added: (v, f) => ({
      subject: 'A passkey was added to your account',
      paragraphs: [
        `The passkey "${v.name}" was added to your account on ${f.siteName}. It can now sign you in. All other sessions have been ended.`,
        'If you did not do this, delete the passkey and contact your administrator at once.',
      ],
      link: { label: 'Your passkeys', url: passkeysPage(f) },
    }),
    passkey_removed: (v, f) => ({
      subject: 'A passkey was removed from your account',
      paragraphs: [
        `The passkey "${v.name}" was deleted from your account on ${f.siteName}. It no longer signs you in. All other sessions have been ended.`,
        'If you did not do this, contact your administrator at once.',
      ],
      link: { label: 'Your passkeys', url: passkeysPage(f) },
    }),
    passkey_flagged: (v, f) => ({
      subject: 'A passkey of yours may have been copied',
      paragraphs: [
        `A sign-in with your passkey "${v.name}" was refused: its signature counter went backwards, which happens when a passkey has been copied to another device. The passkey has been blocked and no longer signs you in.`,
        'If you did not just try to sign in, contact your administrator. Delete the blocked passkey and add a new one.',
      ],
      link: { label: 'Your passkeys', url: passkeysPage(f) },
    }),
    new_device_sign_in: (v, f) => ({
      subject: 'New sign-in to your account',
      paragraphs: [
        `Your account on ${f.siteName} was signed in to from a device it has not seen in the last 90 days:`,
        [
          `When: ${v.when}`,
          `Client: ${v.client === 'console' ? `desktop console${v.console_version ? ` ${v.console_version}` : ''}` : 'web console'}`,
          ...(v.device ? [`Device: ${v.device}`] : []),
          `IP address: ${v.ip}`,
        ].join('\n'),
        'If this was you, there is nothing to do. If not, end your sessions and change your password at once, and tell your administrator.',
      ],
      link: { label: 'Your security activity', url: activityPage(f) },
      links: [{ label: 'End sessions', url: sessionsPage(f) }],
    }),
  },
};

const de: Texts = {
  greeting: (name) => `Hallo ${name},`,
  footer: (site, url) => `${site} – ${url}\nDies ist eine automatische Nachricht Ihrer Support-Website.`,
  kinds: {
    password_changed: (_v, f) => ({
      subject: 'Ihr Kennwort wurde geändert',
      paragraphs: [
        `Das Kennwort Ihres Kontos auf ${f.siteName} wurde soeben geändert. Alle anderen Sitzungen wurden beendet.`,
        'Falls Sie das nicht waren, wenden Sie sich sofort an Ihren Administrator.',
      ],
    }),
    email_changed: (v) => ({
      subject: 'Ihre E-Mail-Adresse wurde geändert',
      paragraphs: [
        `Die E-Mail-Adresse Ihres Kontos wurde von ${v.old_email ?? '(keine)'} in ${v.new_email} geändert.`,
        'Falls Sie das nicht waren, wenden Sie sich sofort an Ihren Administrator.',
      ],
    }),
    two_factor_enabled: () => ({
      subject: 'Zwei-Faktor-Authentifizierung ist aktiviert',
      paragraphs: [
        'Für Ihr Konto wurde die Zwei-Faktor-Authentifizierung aktiviert. Zur Anmeldung brauchen Sie ab jetzt einen Code aus Ihrer Authentifikator-App.',
        'Falls Sie das nicht waren, wenden Sie sich sofort an Ihren Administrator.',
      ],
    }),
    two_factor_disabled: () => ({
      subject: 'Zwei-Faktor-Authentifizierung ist deaktiviert',
      paragraphs: [
        'Für Ihr Konto wurde die Zwei-Faktor-Authentifizierung deaktiviert.',
        'Falls Sie das nicht waren, wenden Sie sich sofort an Ihren Administrator.',
      ],
    }),
    two_factor_switched: () => ({
      subject: 'Sie haben Ihre Authentifikator-App gewechselt',
      paragraphs: [
        'Ihr Konto verwendet jetzt eine neue Authentifikator-App. Codes der bisherigen App gelten nicht mehr.',
        'Falls Sie das nicht waren, wenden Sie sich sofort an Ihren Administrator.',
      ],
    }),
    recovery_codes_regenerated: () => ({
      subject: 'Neue Wiederherstellungscodes',
      paragraphs: [
        'Für Ihr Konto wurden neue Wiederherstellungscodes erzeugt. Die bisherigen Codes gelten nicht mehr.',
        'Falls Sie das nicht waren, wenden Sie sich sofort an Ihren Administrator.',
      ],
    }),
    password_reset: (v) => ({
      subject: 'Kennwort zurücksetzen',
      paragraphs: [
        `Jemand hat das Zurücksetzen des Kennworts Ihres Kontos angefordert. Der Link unten gilt einmal und ${v.valid_hours} Stunden lang. Eine neuere Anforderung macht diesen Link ungültig.`,
        'Falls Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Kennwort bleibt unverändert.',
      ],
      link: { label: 'Neues Kennwort festlegen', url: v.link },
    }),
    set_password: (v, f) => ({
      subject: `Ihr Konto auf ${f.siteName}`,
      paragraphs: [
        `Ein Administrator hat für Sie ein Konto auf ${f.siteName} angelegt. Ihr Benutzername ist ${v.username}.`,
        `Legen Sie Ihr Kennwort mit dem Link unten fest. Er gilt einmal und ${v.valid_hours} Stunden lang; melden Sie sich dann mit Ihrem Benutzernamen und dem neuen Kennwort an.`,
      ],
      link: { label: 'Kennwort festlegen', url: v.link },
    }),
    extended_availability_enabled: (v) => ({
      subject: 'Erweiterter Verfügbarkeitsmodus ist aktiviert',
      paragraphs: [
        'Für Ihr Konto wurde der erweiterte Verfügbarkeitsmodus aktiviert: Kollegen können Sie per E-Mail zu Sitzungen einladen, während Sie nicht an der Konsole angemeldet sind.',
        'Mit diesem Link deaktivieren Sie ihn ohne Anmeldung (er gilt einmal):',
      ],
      link: { label: 'Erweiterten Verfügbarkeitsmodus deaktivieren', url: v.disable_link },
    }),
    invitation: (v) => ({
      subject: `${v.from_name} lädt Sie zu einer Sitzung ein`,
      paragraphs: [
        `${v.from_name} möchte eine Support-Sitzung mit Ihnen teilen.`,
        ...(v.message ? [`Nachricht: ${v.message}`] : []),
      ],
      link: { label: 'Der Sitzung beitreten', url: v.link },
    }),
    passkey_added: (v, f) => ({
      subject: 'Ihrem Konto wurde ein Passkey hinzugefügt',
      paragraphs: [
        `Der Passkey „${v.name}“ wurde Ihrem Konto auf ${f.siteName} hinzugefügt. Sie können sich jetzt damit anmelden. Alle anderen Sitzungen wurden beendet.`,
        'Falls Sie das nicht waren, löschen Sie den Passkey und wenden Sie sich sofort an Ihren Administrator.',
      ],
      link: { label: 'Ihre Passkeys', url: passkeysPage(f) },
    }),
    passkey_removed: (v, f) => ({
      subject: 'Ein Passkey wurde aus Ihrem Konto entfernt',
      paragraphs: [
        `Der Passkey „${v.name}“ wurde aus Ihrem Konto auf ${f.siteName} gelöscht. Er meldet Sie nicht mehr an. Alle anderen Sitzungen wurden beendet.`,
        'Falls Sie das nicht waren, wenden Sie sich sofort an Ihren Administrator.',
      ],
      link: { label: 'Ihre Passkeys', url: passkeysPage(f) },
    }),
    passkey_flagged: (v, f) => ({
      subject: 'Ein Passkey von Ihnen wurde möglicherweise kopiert',
      paragraphs: [
        `Eine Anmeldung mit Ihrem Passkey „${v.name}“ wurde abgewiesen: Sein Signaturzähler ist zurückgegangen. Das geschieht, wenn ein Passkey auf ein anderes Gerät kopiert wurde. Der Passkey wurde gesperrt und meldet Sie nicht mehr an.`,
        'Falls Sie sich nicht gerade anmelden wollten, wenden Sie sich an Ihren Administrator. Löschen Sie den gesperrten Passkey und fügen Sie einen neuen hinzu.',
      ],
      link: { label: 'Ihre Passkeys', url: passkeysPage(f) },
    }),
    new_device_sign_in: (v, f) => ({
      subject: 'Neue Anmeldung an Ihrem Konto',
      paragraphs: [
        `An Ihrem Konto auf ${f.siteName} hat sich jemand von einem Gerät angemeldet, das in den letzten 90 Tagen nicht verwendet wurde:`,
        [
          `Zeitpunkt: ${v.when}`,
          `Client: ${v.client === 'console' ? `Desktop-Konsole${v.console_version ? ` ${v.console_version}` : ''}` : 'Web-Konsole'}`,
          ...(v.device ? [`Gerät: ${v.device}`] : []),
          `IP-Adresse: ${v.ip}`,
        ].join('\n'),
        'Wenn Sie das waren, ist nichts zu tun. Andernfalls beenden Sie sofort Ihre Sitzungen, ändern Sie Ihr Kennwort und informieren Sie Ihren Administrator.',
      ],
      link: { label: 'Ihre Sicherheitsaktivität', url: activityPage(f) },
      links: [{ label: 'Sitzungen beenden', url: sessionsPage(f) }],
    }),
  },
};

export const MAIL_TEXTS = { en, de } as const;
