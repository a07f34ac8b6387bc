// The image's STOPSIGNAL, EXPOSE and HEALTHCHECK as envctl reads them (the defaults a container inherits).
import type { ImageInfo } from './engine.js';

export interface ImageConfigJson {
  StopSignal?: string;
  ExposedPorts?: Record<string, unknown> | null;
  Healthcheck?: { Test?: string[] | null; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number } | null;
}

export function imageDefaults(config: ImageConfigJson | undefined): Pick<ImageInfo, 'stopSignal' | 'exposedPorts' | 'healthcheck'> {
  const h = config?.Healthcheck;
  return {
    stopSignal: config?.StopSignal ?? '',
    exposedPorts: Object.keys(config?.ExposedPorts ?? {}).sort(),
    healthcheck: h
      ? { test: [...(h.Test ?? [])], intervalNs: h.Interval ?? 0, timeoutNs: h.Timeout ?? 0, startPeriodNs: h.StartPeriod ?? 0, retries: h.Retries ?? 0 }
      : null,
  };
}
