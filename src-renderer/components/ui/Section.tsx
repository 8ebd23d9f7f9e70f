/**
 * One My Account section: a titled card. The heading takes focus when the section is opened from
 * the navigation, so keyboard and screen-reader users land at its start.
 */
import { type ReactNode, useEffect, useRef } from 'react';
import './section.css';

export function Section({
  id,
  title,
  intro,
  children,
  focusOnMount = true,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  focusOnMount?: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);
  return (
    <section className="section" id={`section-${id}`} aria-labelledby={`section-${id}-title`}>
      <header className="section__header">
        <h2 id={`section-${id}-title`} tabIndex={-1} ref={heading}>
          {title}
        </h2>
        {intro && <p className="section__intro">{intro}</p>}
      </header>
      {children}
    </section>
  );
}

export function Card({
  title,
  children,
  headingLevel = 3,
}: {
  title?: string;
  children: ReactNode;
  headingLevel?: 3 | 4;
}) {
  const H = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="card">
      {title && <H className="card__title">{title}</H>}
      {children}
    </div>
  );
}
