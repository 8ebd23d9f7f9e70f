/**
 * Every mail the appliance sends, in German and English, as plain text and HTML. A template is a
 * subject, paragraphs and an optional link; the site name and its public URL end every mail.
 * All values are HTML-escaped in the HTML part (names and messages come from users).
 */
import { MAIL_TEXTS, type MailFrame, type MailKind, type MailVars } from './mail-texts.js';

export type MailLanguage = keyof typeof MAIL_TEXTS;
export const MAIL_LANGUAGES = Object.keys(MAIL_TEXTS) as MailLanguage[];

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function isMailLanguage(lang: string | null | undefined): lang is MailLanguage {
  return !!lang && (MAIL_LANGUAGES as string[]).includes(lang);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderMail<K extends MailKind>(
  kind: K,
  lang: MailLanguage,
  frame: MailFrame,
  vars: MailVars[K],
): RenderedMail {
  const texts = MAIL_TEXTS[lang];
  const t = texts.kinds[kind](vars as never, frame);
  const greeting = texts.greeting(frame.recipientName);
  const footer = texts.footer(frame.siteName, frame.publicUrl);
  const textParts = [greeting, ...t.paragraphs];
  const links = [...(t.link ? [t.link] : []), ...(t.links ?? [])];
  for (const link of links) textParts.push(`${link.label}:\n${link.url}`);
  textParts.push(`--\n${footer}`);
  const htmlParts = [
    `<p>${escapeHtml(greeting)}</p>`,
    ...t.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`),
    ...links.map(
      (link) =>
        `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a><br><small>${escapeHtml(link.url)}</small></p>`,
    ),
    `<hr><p><small>${escapeHtml(frame.siteName)} &middot; <a href="${escapeHtml(frame.publicUrl)}">${escapeHtml(frame.publicUrl)}</a></small></p>`,
  ];
  return {
    subject: `${t.subject} – ${frame.siteName}`,
    text: textParts.join('\n\n') + '\n',
    html: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(t.subject)}</title></head><body>${htmlParts.join('\n')}</body></html>`,
  };
}
