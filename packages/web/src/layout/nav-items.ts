/**
 * The dashboard's views, in navigation order, with who each is for; `adminOnly` views (the
 * mapping covers every stream, sources hold the tools' access) are shown to admins only.
 */
export const NAV_ITEMS = [
  { path: '/', label: 'Portfolio', role: 'Product Journey Champion', adminOnly: false },
  { path: '/stream', label: 'Value stream', role: 'Product Value Stream Lead', adminOnly: false },
  { path: '/flow', label: 'Flow analysis', role: 'Value Stream Architect', adminOnly: false },
  {
    path: '/dependencies',
    label: 'Dependencies',
    role: 'Value Stream Architect',
    adminOnly: false,
  },
  { path: '/items', label: "Where's my thing?", role: 'Anyone in the business', adminOnly: false },
  { path: '/mapping', label: 'Mapping', role: 'Value Stream Architect', adminOnly: true },
  {
    path: '/data-quality',
    label: 'Data quality',
    role: 'Value Stream Architect',
    adminOnly: false,
  },
  { path: '/sources', label: 'Sources', role: 'Whoever connects the tools', adminOnly: true },
] as const

/** Whether the nav item at `path` is the current view for `pathname`. */
export function isActivePath(path: string, pathname: string): boolean {
  return path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`)
}
