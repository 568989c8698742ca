// A counter whose digits roll to a new value (CSS transitions on a fixed set of elements: one reel of 0–9 per digit
// position, so a changing value moves reels and adds no DOM).
import { counterDigits } from './screen-ui.ts';

const REEL = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export function FlipCounter({ value, decimals = 0, testId }: { value: number | null; decimals?: number; testId?: string }) {
  const chars = counterDigits(value, decimals);
  return (
    <span className="screen-counter" data-testid={testId} data-value={value ?? ''} aria-label={chars.join('')}>
      {chars.map((c, i) => {
        // keyed from the right so that a value growing a digit keeps its reels in place
        const key = chars.length - i;
        if (c < '0' || c > '9') {
          return (
            <span key={key} className="screen-counter-sep">
              {c}
            </span>
          );
        }
        return (
          <span key={key} className="screen-counter-digit">
            <span className="screen-counter-reel" style={{ transform: `translateY(${-Number(c) * 10}%)` }}>
              {REEL.map((d) => (
                <span key={d}>{d}</span>
              ))}
            </span>
          </span>
        );
      })}
    </span>
  );
}
