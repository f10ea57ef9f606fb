import { Alert, Button, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = new (options?: { formats: string[] }) => BarcodeDetectorLike;

const detectorClass = (): BarcodeDetectorClass | null =>
  typeof window !== 'undefined' && 'BarcodeDetector' in window
    ? ((window as unknown as { BarcodeDetector: BarcodeDetectorClass }).BarcodeDetector ?? null)
    : null;

/** Whether this browser can read barcodes from the camera (Chrome on Android, Safari 17+ on iOS do). */
export function hasBarcodeDetector(): boolean {
  return (
    detectorClass() !== null && typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia
  );
}

/** The rear camera with a live EAN-13/QR reader; calls `onDetected` with the first code it reads. */
export function CameraScanner({
  onDetected,
  onClose,
}: {
  onDetected: (code: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const detected = useRef(onDetected);
  detected.current = onDetected;

  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: number | undefined;
    const detector = new Detector({ formats: ['ean_13', 'qr_code'] });
    const scan = async () => {
      if (stopped || !video.current) return;
      try {
        const [code] = await detector.detect(video.current);
        if (code?.rawValue && !stopped) {
          detected.current(code.rawValue);
          return;
        }
      } catch {
        // A frame that is not ready yet: try the next one.
      }
      timer = window.setTimeout(scan, 200);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        void scan();
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  return (
    <Paper withBorder p="sm" radius="md" data-testid="till-camera-view">
      <Stack gap="xs">
        {error ? (
          <Alert color="red" role="alert">
            {t('loyalty-card.till.cameraError', { error })}
          </Alert>
        ) : (
          <Text size="sm">{t('loyalty-card.till.cameraHint')}</Text>
        )}
        <video
          ref={video}
          muted
          playsInline
          style={{ width: '100%', maxHeight: '50vh', background: '#000' }}
        />
        <Button variant="default" onClick={onClose}>
          {t('loyalty-card.till.cameraClose')}
        </Button>
      </Stack>
    </Paper>
  );
}
