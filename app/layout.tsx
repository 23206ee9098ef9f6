import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@xyflow/react/dist/style.css';
import './globals.css';
import { TRPCReactProvider } from './lib/trpc';
import { AppNav } from './app-nav';
import { themeBootScript } from './lib/theme';

export const metadata: Metadata = {
  title: 'Stepstone — transfer-learning studio',
  description: 'Build transfer-learning pipelines from nodes, run them, and measure the transfer gain.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      </head>
      <body>
        <TRPCReactProvider>
          <div className="app-shell">
            <AppNav />
            <main className="app-main">{children}</main>
          </div>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
