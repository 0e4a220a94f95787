import type { CSSProperties, ReactNode } from 'react';

/** A button that opens a file chooser and hands over the chosen file's text (a key, a certificate). */
export function FileTextButton({
  accept,
  onText,
  style,
  children,
}: {
  accept: string;
  onText: (text: string) => void;
  style?: CSSProperties;
  children: ReactNode;
}) {
  return (
    <label className="btn btn-sm" style={style}>
      <input
        type="file"
        className="sr-only"
        accept={accept}
        onChange={async (e) => {
          const f = e.target.files?.[0];
          if (f) onText(await f.text());
        }}
      />
      {children}
    </label>
  );
}
