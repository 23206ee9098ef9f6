'use client';

import { useSyncExternalStore } from 'react';

/** Whether a CSS media query matches now (false on the server), re-rendering when it changes. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const mq = window.matchMedia(query);
      mq.addEventListener('change', onChange);
      return () => mq.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Below this width the editor's toolbar moves its secondary actions into a "More" menu. */
export const NARROW_QUERY = '(max-width: 1359px)';
