import { useMemo, useRef } from 'react';

interface Props {
  id?: string;
  value: string;
  onChange: (text: string) => void;
  /** 1-based line to mark as the source of an error. */
  errorLine?: number;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-required'?: boolean;
}

/** Where a JSON.parse error points, as a 1-based line (engines say "position N" or "line L column C"). */
export function jsonErrorLine(text: string, message: string): number | undefined {
  const lc = /line (\d+) column \d+/.exec(message);
  if (lc) return Number(lc[1]);
  const pos = /position (\d+)/.exec(message);
  if (pos) return text.slice(0, Number(pos[1])).split('\n').length;
  return undefined;
}

/** The line of a policy key a server message names ("… - allowedKycAttributes/0/attributeName in policy data"). */
export function pointerLine(text: string, message: string): number | undefined {
  const m = /- ([\w/]+) in policy data/.exec(message) ?? /Expected format is ([\w/]+)\//.exec(message);
  if (!m) return undefined;
  const keys = m[1]!.split('/').filter((k) => !/^\d+$/.test(k));
  for (let i = keys.length - 1; i >= 0; i--) {
    const idx = text.indexOf(`"${keys[i]}"`);
    if (idx >= 0) return text.slice(0, idx).split('\n').length;
  }
  return undefined;
}

/**
 * A plain-text JSON editor with line numbers: light enough to keep the bundle small, keyboard
 * friendly (Tab indents), and able to point at the line an error concerns.
 */
export function JsonEditor({ value, onChange, errorLine, ...aria }: Props) {
  const gutter = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => value.split('\n').length, [value]);
  return (
    <div className="code-editor">
      <div className="gutter" ref={gutter} aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => (
          <div key={i} className={errorLine === i + 1 ? 'bad' : undefined}>
            {i + 1}
          </div>
        ))}
      </div>
      <textarea
        {...aria}
        value={value}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        rows={Math.max(16, lines + 1)}
        onChange={(e) => onChange(e.target.value)}
        onScroll={(e) => {
          if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
        }}
        onKeyDown={(e) => {
          // Tab indents; Escape then Tab leaves the editor, so keyboard users are never trapped.
          if (e.key !== 'Tab' || e.shiftKey || e.currentTarget.dataset.escaped === '1') {
            e.currentTarget.dataset.escaped = e.key === 'Escape' ? '1' : '';
            return;
          }
          e.preventDefault();
          const el = e.currentTarget;
          const { selectionStart: s, selectionEnd: end } = el;
          onChange(`${value.slice(0, s)}  ${value.slice(end)}`);
          requestAnimationFrame(() => el.setSelectionRange(s + 2, s + 2));
        }}
      />
    </div>
  );
}
