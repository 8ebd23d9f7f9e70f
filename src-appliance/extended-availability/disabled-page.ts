/** The small page the one-click disable link shows (German or English, no script, no styles). */
const TEXT = {
  en: {
    title: 'Extended availability is off',
    body: 'You will no longer receive session invitations by email while you are not logged in to the console.',
  },
  de: {
    title: 'Erweiterter Verfügbarkeitsmodus ist deaktiviert',
    body: 'Sie erhalten keine Sitzungseinladungen per E-Mail mehr, während Sie nicht an der Konsole angemeldet sind.',
  },
} as const;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function disabledPage(language: string | null, siteName: string): string {
  const lang = language === 'de' ? 'de' : 'en';
  const t = TEXT[lang];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escape(t.title)}</title></head><body><h1>${escape(t.title)}</h1><p>${escape(t.body)}</p><p>${escape(siteName)}</p></body></html>`;
}
