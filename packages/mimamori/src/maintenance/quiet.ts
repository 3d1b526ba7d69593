export interface Quiet { mode: 'pause' | 'silence'; source: 'maintenance' | 'mute'; name: string; reason?: string; by?: string; since: number; until: number }
