/** Deutsche Texte: das Formular für Identitätsanbieter unter Verwaltung > Sicherheit (mit dem Verwaltungs-Chunk geladen). */
import { type enAdminProviders } from './en-admin-providers.js';
export const deAdminProviders: typeof enAdminProviders = {
  security: {
    providerForm: {
      add: 'Identitätsanbieter hinzufügen',
      edit: 'Bearbeiten',
      editNamed: '{{name}} bearbeiten',
      addTitle: 'Neuer Identitätsanbieter',
      editTitle: '{{name}} bearbeiten',
      claims: 'Claims im ID-Token',
      fields: {
        name: 'Name (auf der Anmeldeschaltfläche)',
        issuer: 'Aussteller-URL',
        client_id: 'Client-ID',
        client_secret: 'Client-Geheimnis',
        scopes: 'Scopes',
        username_claim: 'Claim mit dem Benutzernamen',
        display_name_claim: 'Claim mit dem Anzeigenamen',
        email_claim: 'Claim mit der E-Mail-Adresse',
        admin_group_claim: 'Gruppen-Claim für Administratoren',
        admin_group_value: 'Gruppe der Administratoren',
        jit_provisioning: 'Benutzer bei der ersten Anmeldung anlegen',
        enabled: 'Aktiviert (auf der Anmeldeseite angeboten)',
      },
      hints: {
        issuer:
          'Die Aussteller-Kennung des Anbieters, genau so, wie er sie sendet: https (http nur für localhost, 127.0.0.0/8 und [::1]).',
        client_secretNew: 'Wird mit dem Standortschlüssel versiegelt gespeichert und nie wieder angezeigt.',
        client_secretEdit:
          'Leer lassen, um das gespeicherte Geheimnis zu behalten (es wird nie angezeigt). Ein neues ersetzt es.',
        scopes: 'Durch Leerzeichen getrennt; openid muss dabei sein.',
        username_claim:
          'Sein Wert ist hier der Benutzername: Ein vorhandener Benutzer mit diesem Namen wird verknüpft.',
        admin_group_claim:
          'Mit der Gruppe daneben: Ihre Mitglieder sind Administratoren, andere nicht, bei jeder Anmeldung neu entschieden. Beide leer lassen, um Rollen unter Verwaltung > Benutzer zu vergeben.',
        jit_provisioning:
          'Ohne diese Option können sich nur Personen anmelden, für die es schon einen Benutzer mit dem übermittelten Benutzernamen gibt.',
      },
      problems: {
        length: 'Geben Sie {{min}} bis {{max}} Zeichen ein.',
        format: 'Hier sind keine Leerzeichen oder Zeilenumbrüche erlaubt.',
        format_scopes: 'Scopes werden durch einzelne Leerzeichen getrennt, ohne Anführungszeichen oder Backslashes.',
        visible_text: 'Der Name muss sichtbarer Text in einer Zeile sein.',
        issuer_not_url: 'Geben Sie eine vollständige URL ein, etwa https://login.example.com/tenant.',
        issuer_not_https: 'Der Aussteller muss https verwenden (http nur für localhost, 127.0.0.0/8 und [::1]).',
        issuer_credentials: 'Der Aussteller darf keinen Benutzernamen und kein Passwort enthalten.',
        issuer_query_or_fragment: 'Der Aussteller darf keine Abfrage (?) und kein Fragment (#) enthalten.',
        openid: 'Die Scopes müssen openid enthalten.',
        admin_group_pair: 'Geben Sie den Gruppen-Claim und die Gruppe der Administratoren an oder keines von beiden.',
      },
      secretSet: 'gesetzt (nicht angezeigt)',
      secretNew: 'neu (nicht angezeigt)',
      pending: 'Zu speichernde Änderungen',
      create: 'Anbieter hinzufügen',
      save: 'Anbieter speichern',
      cancel: 'Abbrechen',
      added:
        '{{name}} hinzugefügt. Tragen Sie die Weiterleitungs-URI aus seiner Zeile beim Anbieter ein. Festgelegt wurde:',
      saved: '{{name}} gespeichert. Geändert wurde:',
    },
  },
};
