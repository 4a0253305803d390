import { Theme } from '@material-ui/core';

/** Green from 80, amber from 50, red below. */
export function scoreColor(theme: Theme, score: number): string {
  if (score >= 80) return theme.palette.success.main;
  if (score >= 50) return theme.palette.warning.main;
  return theme.palette.error.main;
}

/** `system:default/ml-platform` → `ml-platform`, for labels. */
export function shortRef(ref: string): string {
  const name = ref.slice(ref.indexOf(':') + 1);
  return name.startsWith('default/') ? name.slice('default/'.length) : name;
}
