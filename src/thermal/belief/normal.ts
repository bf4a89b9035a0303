/** log Φ(z), the log of the standard normal's CDF, accurate far into both tails. */
export function logNormalCdf(z: number): number {
  if (z < -5) {
    // Mills ratio asymptote: Φ(z) ≈ φ(z)/|z| · (1 − 1/z² + 3/z⁴).
    const z2 = z * z;
    return -0.5 * z2 - Math.log(-z) - 0.5 * Math.log(2 * Math.PI) + Math.log(1 - 1 / z2 + 3 / (z2 * z2));
  }
  return Math.log(normalCdf(z));
}

/** Φ(z), from erfc (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? y : 2 - y;
}
