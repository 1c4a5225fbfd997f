/** A `physical-ai-reader://` link clicked anywhere in the page (a note, a pasted export) opens its place in the page. */
import { useEffect } from 'react';
import { navigate } from '../hooks/useRoute.js';
import { DEEP_LINK_SCHEME, deepLinkRoute } from '../../../electron/core/hosting/deep-link.js';

export function useInAppLinks(): void {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      const href = link?.getAttribute('href');
      if (!href?.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) return;
      event.preventDefault();
      navigate(deepLinkRoute(href));
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, []);
}
