/**
 * The security overview's chart: sign-ins, failed attempts and lockouts per UTC day, drawn by
 * uPlot (about 20 KiB gzip with its CSS; this file is the only one that imports it, so it is a
 * chunk of its own that Management > Security alone loads). The card's totals and table say the
 * same in words, so the chart is one labelled image for assistive technology.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { type SecurityOverviewDay } from '../../../src-shared/api/activity.js';

const COLORS = { signIns: '#1f5fbf', failed: '#b45309', lockouts: '#b42318' };
const HEIGHT = 240;

export default function OverviewChart({ days }: { days: SecurityOverviewDay[] }) {
  const { t, i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    // Without a canvas (a DOM that has none) the card's totals and table still say it all.
    if (!el || !document.createElement('canvas').getContext('2d')) return;
    const data: uPlot.AlignedData = [
      days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000),
      days.map((d) => d.sign_ins),
      days.map((d) => d.failed_attempts),
      days.map((d) => d.lockouts),
    ];
    const day = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    const series = (label: string, stroke: string): uPlot.Series => ({
      label,
      stroke,
      width: 2,
      points: { show: true, size: 5, fill: stroke },
      value: (_u, v) => (v === null ? '–' : String(v)),
    });
    const chart = new uPlot(
      {
        width: Math.max(320, el.clientWidth || 640),
        height: HEIGHT,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] } },
        axes: [
          { values: (_u, ticks) => ticks.map((s) => day.format(new Date(s * 1000))) },
          { values: (_u, ticks) => ticks.map((v) => (Number.isInteger(v) ? String(v) : '')) },
        ],
        series: [
          {
            label: t('security.overview.day'),
            value: (_u, s) => (s === null ? '–' : day.format(new Date(s * 1000))),
          },
          series(t('security.overview.signIns'), COLORS.signIns),
          series(t('security.overview.failed'), COLORS.failed),
          series(t('security.overview.lockouts'), COLORS.lockouts),
        ],
      },
      data,
      el,
    );
    const resize = () => chart.setSize({ width: Math.max(320, el.clientWidth), height: HEIGHT });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.destroy();
    };
  }, [days, i18n.language]);
  return <div className="overview-chart" ref={box} role="img" aria-label={t('security.overview.chartLabel')} />;
}
