'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { ThemeToggle } from './lib/theme';

const links = [
  { href: '/', label: 'Home', match: (p: string) => p === '/' },
  { href: '/editor', label: 'Editor', match: (p: string) => p.startsWith('/editor') },
  { href: '/templates', label: 'Templates', match: (p: string) => p.startsWith('/templates') },
  { href: '/graphs', label: 'Saved graphs', match: (p: string) => p.startsWith('/graphs') },
  { href: '/runs', label: 'Runs', match: (p: string) => p.startsWith('/runs') },
  { href: '/sweeps', label: 'Sweeps', match: (p: string) => p.startsWith('/sweeps') },
  { href: '/uploads', label: 'Uploads', match: (p: string) => p.startsWith('/uploads') },
];

export function AppNav() {
  const path = usePathname() ?? '/';
  return (
    <header className="app-nav">
      <Link href="/" className="brand" aria-label="Stepstone home">
        <span className="brand-mark" aria-hidden>
          ◆
        </span>
        Stepstone
      </Link>
      <nav>
        {links.map((l) => (
          <Link key={l.href} href={l.href} className={l.match(path) ? 'active' : undefined}>
            {l.label}
          </Link>
        ))}
      </nav>
      <ThemeToggle />
    </header>
  );
}
