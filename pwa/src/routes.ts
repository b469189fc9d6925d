export type Route =
  | { name: 'home' }
  | { name: 'product'; productId: string }
  | { name: 'share'; params: URLSearchParams }
  | { name: 'pair'; code: string | null }
  | { name: 'not-found' };

export function parseRoute(pathname: string, search: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { name: 'home' };
  if (pathname === '/pair') return { name: 'pair', code: new URLSearchParams(search).get('code') };
  if (pathname === '/share') return { name: 'share', params: new URLSearchParams(search) };
  const product = /^\/p\/(\d{1,20})\/?$/.exec(pathname);
  if (product) return { name: 'product', productId: product[1]! };
  return { name: 'not-found' };
}
