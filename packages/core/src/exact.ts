/** Exact arithmetic on the decimals reports print (amounts keep the 分 and beyond, 「4166.241619」). */

/** A running exact sum of decimals (amounts keep the 分 and beyond, 「4166.241619」): 0.1 + 0.2 is 0.3. */
export class ExactSum {
  /** The sum times 10^scale. */
  private units = 0n;
  private scale = 0;
  /** A value BigInt cannot take exactly (written with an exponent): summed as a float beside. */
  private inexact = 0;

  add(v: number): void {
    const s = String(Math.abs(v));
    if (s.includes('e')) {
      this.inexact += v;
      return;
    }
    const [whole = '0', fraction = ''] = s.split('.');
    if (fraction.length > this.scale) {
      this.units *= 10n ** BigInt(fraction.length - this.scale);
      this.scale = fraction.length;
    }
    const units = BigInt(whole + fraction.padEnd(this.scale, '0'));
    this.units += v < 0 ? -units : units;
  }

  get value(): number {
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString().padStart(this.scale + 1, '0');
    const exact = Number(this.scale ? `${negative ? '-' : ''}${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}` : `${negative ? '-' : ''}${digits}`);
    return this.inexact ? exact + this.inexact : exact;
  }
}

/** a − b, exact to the printed decimals. */
export function exactDifference(a: number, b: number): number {
  const sum = new ExactSum();
  sum.add(a);
  sum.add(-b);
  return sum.value;
}
