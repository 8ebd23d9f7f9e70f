import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** The otpauth URI drawn as a QR code in the page (a data: image); it never goes to a remote service. */
export function QrCode({ value, alt }: { value: string; alt: string }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(value, { errorCorrectionLevel: 'M', margin: 2, width: 200 }).then(
      (url) => {
        if (live) setSrc(url);
      },
      () => setSrc(undefined),
    );
    return () => {
      live = false;
    };
  }, [value]);
  return src ? (
    <img className="qr" src={src} alt={alt} width={200} height={200} />
  ) : (
    <div className="qr qr--loading" aria-hidden="true" />
  );
}
