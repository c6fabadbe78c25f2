// Ed25519 signature verification (RFC 8032, section 5.1.7) for browsers whose WebCrypto has no
// Ed25519 (Chrome before 137 on older Android phones). Our own code, written from the RFC's
// reference algorithm: extended coordinates, BigInt arithmetic, SHA-512 from WebCrypto. Only
// public data is handled (a public key, a signature), so constant time does not matter here.
"use strict";
window.Shouwang = window.Shouwang || {};
(function (S) {
  const P = 2n ** 255n - 19n;
  const L = 2n ** 252n + 27742317777372353535851937790883648493n;
  const mod = (a, m = P) => {
    const r = a % m;
    return r >= 0n ? r : r + m;
  };
  function power(base, exponent) {
    let result = 1n;
    base = mod(base);
    while (exponent > 0n) {
      if (exponent & 1n) result = mod(result * base);
      base = mod(base * base);
      exponent >>= 1n;
    }
    return result;
  }
  const inverse = (x) => power(x, P - 2n);
  const D = mod(-121665n * inverse(121666n));
  const D2 = mod(2n * D);
  const SQRT_M1 = power(2n, (P - 1n) / 4n);

  function recoverX(y, sign) {
    if (y >= P) return null;
    const x2 = mod((y * y - 1n) * inverse(D * y * y + 1n));
    if (x2 === 0n) return sign ? null : 0n;
    let x = power(x2, (P + 3n) / 8n);
    if (mod(x * x - x2) !== 0n) x = mod(x * SQRT_M1);
    if (mod(x * x - x2) !== 0n) return null;
    if (Number(x & 1n) !== sign) x = P - x;
    return x;
  }

  // Points are [X, Y, Z, T] with x = X/Z, y = Y/Z, x*y = T/Z.
  function add(p, q) {
    const a = mod((p[1] - p[0]) * (q[1] - q[0]));
    const b = mod((p[1] + p[0]) * (q[1] + q[0]));
    const c = mod(p[3] * D2 * q[3]);
    const d = mod(2n * p[2] * q[2]);
    const e = b - a;
    const f = d - c;
    const g = d + c;
    const h = b + a;
    return [mod(e * f), mod(g * h), mod(f * g), mod(e * h)];
  }

  function multiply(scalar, point) {
    let result = [0n, 1n, 1n, 0n];
    while (scalar > 0n) {
      if (scalar & 1n) result = add(result, point);
      point = add(point, point);
      scalar >>= 1n;
    }
    return result;
  }

  function equal(p, q) {
    return mod(p[0] * q[2] - q[0] * p[2]) === 0n && mod(p[1] * q[2] - q[1] * p[2]) === 0n;
  }

  function littleEndian(bytes) {
    let value = 0n;
    for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
    return value;
  }

  function decompress(bytes) {
    if (bytes.length !== 32) return null;
    let y = littleEndian(bytes);
    const sign = Number(y >> 255n);
    y &= (1n << 255n) - 1n;
    const x = recoverX(y, sign);
    return x === null ? null : [x, y, 1n, mod(x * y)];
  }

  const GY = mod(4n * inverse(5n));
  const GX = recoverX(GY, 0);
  const BASE = [GX, GY, 1n, mod(GX * GY)];

  // true when `signature` (64 bytes) is `publicKey`'s (32 bytes) over `message`.
  S.ed25519Verify = async function (publicKey, signature, message) {
    if (publicKey.length !== 32 || signature.length !== 64) return false;
    const a = decompress(publicKey);
    const rBytes = signature.slice(0, 32);
    const r = decompress(rBytes);
    if (!a || !r) return false;
    const s = littleEndian(signature.slice(32));
    if (s >= L) return false;
    const joined = new Uint8Array(64 + message.length);
    joined.set(rBytes, 0);
    joined.set(publicKey, 32);
    joined.set(message, 64);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-512", joined));
    const h = mod(littleEndian(digest), L);
    return equal(multiply(s, BASE), add(r, multiply(h, a)));
  };
})(window.Shouwang);
