/**
 * erf(x) in double precision (JavaScript has no Math.erf): the rational approximations of Sun's
 * fdlibm (s_erf.c), accurate to about 1 ulp, on four ranges of |x|. Beyond |x| = 6 erf is ±1
 * to double precision. erfc shares the tail approximation.
 */

const ERX = 8.45062911510467529297e-1;
const EFX = 1.28379167095512586316e-1;

/** erf on [0, 0.84375]: x + x * P(x²) / Q(x²). */
function small(x: number): number {
  if (x < 3.725290298461914e-9) return x + EFX * x;
  const z = x * x;
  const r =
    1.28379167095512558561e-1 +
    z *
      (-3.2504210724700149937e-1 +
        z * (-2.84817495755985104766e-2 + z * (-5.77027029648944159157e-3 + z * -2.37630166566501626084e-5)));
  const s =
    1 +
    z *
      (3.97917223959155352819e-1 +
        z *
          (6.50222499887672944485e-2 +
            z * (5.08130628187576562776e-3 + z * (1.32494738004321644526e-4 + z * -3.9602282787753681232e-6))));
  return x + x * (r / s);
}

/** erf on [0.84375, 1.25]: erx + P(x - 1) / Q(x - 1). */
function middle(x: number): number {
  const s = x - 1;
  const p =
    -2.36211856075265944077e-3 +
    s *
      (4.14856118683748331666e-1 +
        s *
          (-3.72207876035701323847e-1 +
            s *
              (3.18346619901161753674e-1 +
                s * (-1.10894694282396677476e-1 + s * (3.54783043256182359371e-2 + s * -2.166375594868790843e-3)))));
  const q =
    1 +
    s *
      (1.06420880400844228286e-1 +
        s *
          (5.40397917702171048937e-1 +
            s *
              (7.18286544141962662868e-2 +
                s * (1.26171219808761642112e-1 + s * (1.36370839120290507362e-2 + s * 1.1984499846799107417e-2)))));
  return ERX + p / q;
}

const hiWord = new Float64Array(1);
const hiWordBits = new Uint32Array(hiWord.buffer);
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1; // little-endian: low word first

/** x with the low 32 bits of its significand cleared (fdlibm's SET_LOW_WORD(z, 0)). */
function truncated(x: number): number {
  hiWord[0] = x;
  hiWordBits[LOW] = 0;
  return hiWord[0];
}

/** erfc on [1.25, 28]: exp(-x² - 0.5625 + R(1/x²) / S(1/x²)) / x (erf there is 1 minus it). */
function tail(x: number): number {
  const s = 1 / (x * x);
  let r: number;
  let q: number;
  if (x < 1 / 0.35) {
    r =
      -9.86494403484714822705e-3 +
      s *
        (-6.93858572707181764372e-1 +
          s *
            (-1.05586262253232909814e1 +
              s *
                (-6.23753324503260060396e1 +
                  s *
                    (-1.62396669462573470355e2 +
                      s *
                        (-1.84605092906711035994e2 + s * (-8.12874355063065934246e1 + s * -9.81432934416914548592))))));
    q =
      1 +
      s *
        (1.96512716674392571292e1 +
          s *
            (1.376577541435190426e2 +
              s *
                (4.34565877475229228821e2 +
                  s *
                    (6.45387271733267880336e2 +
                      s *
                        (4.29008140027567833386e2 +
                          s *
                            (1.08635005541779435134e2 +
                              s * (6.57024977031928170135 + s * -6.04244152148580987438e-2)))))));
  } else {
    r =
      -9.86494292470009928597e-3 +
      s *
        (-7.99283237680523006574e-1 +
          s *
            (-1.77579549177547519889e1 +
              s *
                (-1.60636384855821916062e2 +
                  s * (-6.37566443368389627722e2 + s * (-1.02509513161107724954e3 + s * -4.83519191608651397019e2)))));
    q =
      1 +
      s *
        (3.03380607434824582924e1 +
          s *
            (3.25792512996573918826e2 +
              s *
                (1.53672958608443695994e3 +
                  s *
                    (3.19985821950859553908e3 +
                      s *
                        (2.55305040643316442583e3 + s * (4.74528541206955367215e2 + s * -2.24409524465858183362e1))))));
  }
  const z = truncated(x);
  return (Math.exp(-z * z - 0.5625) * Math.exp((z - x) * (z + x) + r / q)) / x;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  const v = a < 0.84375 ? small(a) : a < 1.25 ? middle(a) : a < 6 ? 1 - tail(a) : 1;
  return x < 0 ? -v : v;
}

/**
 * erfc(x) = 1 - erf(x) without the cancellation for large x (fdlibm's erfc): the tail directly
 * for x >= 1.25 (0 past 28, where it underflows), 2 minus it for x <= -1.25.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  if (a < 1.25) return 1 - erf(x);
  const t = a < 28 ? tail(a) : 0;
  return x < 0 ? 2 - t : t;
}
