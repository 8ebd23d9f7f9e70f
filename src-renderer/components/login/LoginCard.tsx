/**
 * The centred card of the screens before My Account (login, reset link, first-run site entry): the
 * optional language picker above it, the brand with a small line and the page's title, then the
 * screen's own content, and an optional footer line below.
 */
import { type ReactNode } from 'react';
import { LanguagePicker } from '../LanguagePicker.js';

interface LoginCardProps {
  titleId: string;
  /** The small line above the title. */
  product: string;
  title: string;
  languagePicker?: boolean;
  footer?: ReactNode;
  children: ReactNode;
}

export function LoginCard({ titleId, product, title, languagePicker = true, footer, children }: LoginCardProps) {
  return (
    <div className="login">
      {languagePicker && (
        <div className="login__top">
          <LanguagePicker />
        </div>
      )}
      <main className="login__card" aria-labelledby={titleId}>
        <div className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <div>
            <p className="brand__product">{product}</p>
            <h1 id={titleId} className="brand__site">
              {title}
            </h1>
          </div>
        </div>
        {children}
      </main>
      {footer}
    </div>
  );
}
