'use client';

import { useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'stepstone.theme';
const EVENT = 'stepstone-theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Runs before the first paint (inline in <head>) so a chosen theme never flashes the other one. */
export const themeBootScript = `try{var t=localStorage.getItem('${KEY}');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;

function choice(): ThemeChoice {
  const t = document.documentElement.dataset.theme;
  return t === 'light' || t === 'dark' ? t : 'system';
}

function subscribe(onChange: () => void): () => void {
  const mq = window.matchMedia(DARK_QUERY);
  mq.addEventListener('change', onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    mq.removeEventListener('change', onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

function setChoice(t: ThemeChoice): void {
  if (t === 'system') {
    delete document.documentElement.dataset.theme;
    window.localStorage.removeItem(KEY);
  } else {
    document.documentElement.dataset.theme = t;
    window.localStorage.setItem(KEY, t);
  }
  window.dispatchEvent(new Event(EVENT));
}

/** The theme in effect: the user's choice, else the system's setting. */
export function useResolvedTheme(): 'light' | 'dark' {
  return useSyncExternalStore(
    subscribe,
    () => {
      const c = choice();
      return c === 'system' ? (window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light') : c;
    },
    () => 'light',
  );
}

const next: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const label: Record<ThemeChoice, string> = { system: '◐ System', light: '☀ Light', dark: '☾ Dark' };

/** Cycles system → light → dark. */
export function ThemeToggle() {
  const current = useSyncExternalStore(subscribe, choice, () => 'system' as ThemeChoice);
  return (
    <button className="btn ghost small theme-toggle" style={{ color: '#cbd5e1' }} onClick={() => setChoice(next[current])} aria-label={`Theme: ${current} (click for ${next[current]})`} title="Colour theme: system, light or dark">
      {label[current]}
    </button>
  );
}
