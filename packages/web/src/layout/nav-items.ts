/** The dashboard's views, in navigation order, with who each is for. */
export const NAV_ITEMS = [
  { path: '/', label: 'Portfolio', role: 'Product Journey Champion' },
  { path: '/stream', label: 'Value stream', role: 'Product Value Stream Lead' },
  { path: '/flow', label: 'Flow analysis', role: 'Value Stream Architect' },
  { path: '/items', label: "Where's my thing?", role: 'Anyone in the business' },
  { path: '/mapping', label: 'Mapping', role: 'Value Stream Architect' },
  { path: '/data-quality', label: 'Data quality', role: 'Value Stream Architect' },
  { path: '/sources', label: 'Sources', role: 'Whoever connects the tools' },
] as const

/** Whether the nav item at `path` is the current view for `pathname`. */
export function isActivePath(path: string, pathname: string): boolean {
  return path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`)
}
