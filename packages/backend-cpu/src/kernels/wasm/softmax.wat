;; float32 softmax and logSoftmax over rows, in WebAssembly SIMD (128-bit), with a vectorised exp.
;;
;; Compiled by scripts/build-wasm.ts (wabt) into softmax-wasm.ts; run `pnpm --filter @ag/backend-cpu
;; build:wasm` after editing (a test fails while the two differ). The JavaScript side
;; (softmax-runner.ts) copies a block of rows into this module's memory, calls `stats`, turns each
;; row's sum into what `apply` needs (1 / sum, or log(sum): WebAssembly has no log), calls `apply`,
;; and copies the rows out.
;;
;; Rows are `width` floats apart, `width` a multiple of 16 so that every loop runs whole groups of
;; four vectors; the caller pads each row's tail with -Infinity, which changes neither the row's
;; max nor its sum of exponentials (exp(-Infinity - max) = 0). Every address here is in bytes.

(module
  ;; Imported, and shared, so that worker threads (worker-pool.ts) instantiate this module over the
  ;; same memory and run `chunk`. (The build also emits a copy without `shared` for hosts without
  ;; SharedArrayBuffer.)
  (import "env" "memory" (memory 1 32768 shared))

  ;; exp for softmax: its arguments are x - max, never above 0 (or NaN). XNNPACK's scheme
  ;; (rr2-p5): x = n ln2 + r with n = nearest(x / ln2) (ln2 in two parts, so n ln2 is exact) and
  ;; |r| <= ln2 / 2, exp(r) = 1 + r p(r) with p of degree 4, and 2^n built from n's bits. Within
  ;; 2.2 ulp of exp on [-87.33654, 0]; below it (where exp is under 2^-126, the smallest normal
  ;; float, and 2^n would not be one) the result is 0, so subnormal results are flushed to 0
  ;; (a softmax term under 1.2e-38 becomes 0). NaN comes out as NaN. Positive arguments are outside
  ;; its domain. Against Cephes' expf (1 ulp, subnormals kept): a quarter fewer instructions, and
  ;; the exp is most of the kernel's time.
  ;;
  ;; $expSum: exp(x - $shift) for the floats from $at to $end (a multiple of 16 floats), and their
  ;; sum in four lanes. The exponentials are stored from $to on, $step bytes further for each 16
  ;; (64 to keep them all, 0 to drop them into one scratch line: a store under a branch costs more
  ;; than the store). Written out inside the loop (Node 20 does not inline calls) for four vectors
  ;; at once, step by step: four independent chains keep the multipliers busy where one chain
  ;; waits on each step's latency (twice as fast).
  (func $expSum (param $at i32) (param $end i32) (param $shift v128) (param $to i32) (param $step i32) (result v128)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local $n0 v128) (local $n1 v128) (local $n2 v128) (local $n3 v128)
    (local $p0 v128) (local $p1 v128) (local $p2 v128) (local $p3 v128)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128)
    (local $sum v128)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        ;; x = load - shift; lanes below the cutoff (-Infinity too) computed as exp(0), then zeroed.
        (local.set $x0 (f32x4.sub (v128.load offset=0 (local.get $at)) (local.get $shift)))
        (local.set $x1 (f32x4.sub (v128.load offset=16 (local.get $at)) (local.get $shift)))
        (local.set $x2 (f32x4.sub (v128.load offset=32 (local.get $at)) (local.get $shift)))
        (local.set $x3 (f32x4.sub (v128.load offset=48 (local.get $at)) (local.get $shift)))
        (local.set $m0 (f32x4.lt (local.get $x0) (v128.const f32x4 -0x1.5D589Ep6 -0x1.5D589Ep6 -0x1.5D589Ep6 -0x1.5D589Ep6)))
        (local.set $m1 (f32x4.lt (local.get $x1) (v128.const f32x4 -0x1.5D589Ep6 -0x1.5D589Ep6 -0x1.5D589Ep6 -0x1.5D589Ep6)))
        (local.set $m2 (f32x4.lt (local.get $x2) (v128.const f32x4 -0x1.5D589Ep6 -0x1.5D589Ep6 -0x1.5D589Ep6 -0x1.5D589Ep6)))
        (local.set $m3 (f32x4.lt (local.get $x3) (v128.const f32x4 -0x1.5D589Ep6 -0x1.5D589Ep6 -0x1.5D589Ep6 -0x1.5D589Ep6)))
        (local.set $x0 (v128.andnot (local.get $x0) (local.get $m0)))
        (local.set $x1 (v128.andnot (local.get $x1) (local.get $m1)))
        (local.set $x2 (v128.andnot (local.get $x2) (local.get $m2)))
        (local.set $x3 (v128.andnot (local.get $x3) (local.get $m3)))
        ;; t = x log2(e) + (1.5 * 2^23 + 127): rounds to an integer n, biased, in the low bits.
        (local.set $t0 (f32x4.add (f32x4.mul (local.get $x0) (v128.const f32x4 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0)) (v128.const f32x4 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23)))
        (local.set $t1 (f32x4.add (f32x4.mul (local.get $x1) (v128.const f32x4 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0)) (v128.const f32x4 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23)))
        (local.set $t2 (f32x4.add (f32x4.mul (local.get $x2) (v128.const f32x4 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0)) (v128.const f32x4 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23)))
        (local.set $t3 (f32x4.add (f32x4.mul (local.get $x3) (v128.const f32x4 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0)) (v128.const f32x4 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23)))
        (local.set $n0 (f32x4.sub (local.get $t0) (v128.const f32x4 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23)))
        (local.set $n1 (f32x4.sub (local.get $t1) (v128.const f32x4 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23)))
        (local.set $n2 (f32x4.sub (local.get $t2) (v128.const f32x4 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23)))
        (local.set $n3 (f32x4.sub (local.get $t3) (v128.const f32x4 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23)))
        ;; r = x - n ln2, ln2 in two parts; p(r) = c1 + c2 r + ... + c5 r^4.
        (local.set $x0 (f32x4.add (f32x4.add (local.get $x0) (f32x4.mul (local.get $n0) (v128.const f32x4 -0x1.62E400p-1 -0x1.62E400p-1 -0x1.62E400p-1 -0x1.62E400p-1))) (f32x4.mul (local.get $n0) (v128.const f32x4 -0x1.7F7D1Cp-20 -0x1.7F7D1Cp-20 -0x1.7F7D1Cp-20 -0x1.7F7D1Cp-20))))
        (local.set $x1 (f32x4.add (f32x4.add (local.get $x1) (f32x4.mul (local.get $n1) (v128.const f32x4 -0x1.62E400p-1 -0x1.62E400p-1 -0x1.62E400p-1 -0x1.62E400p-1))) (f32x4.mul (local.get $n1) (v128.const f32x4 -0x1.7F7D1Cp-20 -0x1.7F7D1Cp-20 -0x1.7F7D1Cp-20 -0x1.7F7D1Cp-20))))
        (local.set $x2 (f32x4.add (f32x4.add (local.get $x2) (f32x4.mul (local.get $n2) (v128.const f32x4 -0x1.62E400p-1 -0x1.62E400p-1 -0x1.62E400p-1 -0x1.62E400p-1))) (f32x4.mul (local.get $n2) (v128.const f32x4 -0x1.7F7D1Cp-20 -0x1.7F7D1Cp-20 -0x1.7F7D1Cp-20 -0x1.7F7D1Cp-20))))
        (local.set $x3 (f32x4.add (f32x4.add (local.get $x3) (f32x4.mul (local.get $n3) (v128.const f32x4 -0x1.62E400p-1 -0x1.62E400p-1 -0x1.62E400p-1 -0x1.62E400p-1))) (f32x4.mul (local.get $n3) (v128.const f32x4 -0x1.7F7D1Cp-20 -0x1.7F7D1Cp-20 -0x1.7F7D1Cp-20 -0x1.7F7D1Cp-20))))
        (local.set $p0 (f32x4.add (f32x4.mul (local.get $x0) (v128.const f32x4 0x1.0F9F9Cp-7 0x1.0F9F9Cp-7 0x1.0F9F9Cp-7 0x1.0F9F9Cp-7)) (v128.const f32x4 0x1.573A1Ap-5 0x1.573A1Ap-5 0x1.573A1Ap-5 0x1.573A1Ap-5)))
        (local.set $p1 (f32x4.add (f32x4.mul (local.get $x1) (v128.const f32x4 0x1.0F9F9Cp-7 0x1.0F9F9Cp-7 0x1.0F9F9Cp-7 0x1.0F9F9Cp-7)) (v128.const f32x4 0x1.573A1Ap-5 0x1.573A1Ap-5 0x1.573A1Ap-5 0x1.573A1Ap-5)))
        (local.set $p2 (f32x4.add (f32x4.mul (local.get $x2) (v128.const f32x4 0x1.0F9F9Cp-7 0x1.0F9F9Cp-7 0x1.0F9F9Cp-7 0x1.0F9F9Cp-7)) (v128.const f32x4 0x1.573A1Ap-5 0x1.573A1Ap-5 0x1.573A1Ap-5 0x1.573A1Ap-5)))
        (local.set $p3 (f32x4.add (f32x4.mul (local.get $x3) (v128.const f32x4 0x1.0F9F9Cp-7 0x1.0F9F9Cp-7 0x1.0F9F9Cp-7 0x1.0F9F9Cp-7)) (v128.const f32x4 0x1.573A1Ap-5 0x1.573A1Ap-5 0x1.573A1Ap-5 0x1.573A1Ap-5)))
        (local.set $p0 (f32x4.add (f32x4.mul (local.get $p0) (local.get $x0)) (v128.const f32x4 0x1.555A80p-3 0x1.555A80p-3 0x1.555A80p-3 0x1.555A80p-3)))
        (local.set $p1 (f32x4.add (f32x4.mul (local.get $p1) (local.get $x1)) (v128.const f32x4 0x1.555A80p-3 0x1.555A80p-3 0x1.555A80p-3 0x1.555A80p-3)))
        (local.set $p2 (f32x4.add (f32x4.mul (local.get $p2) (local.get $x2)) (v128.const f32x4 0x1.555A80p-3 0x1.555A80p-3 0x1.555A80p-3 0x1.555A80p-3)))
        (local.set $p3 (f32x4.add (f32x4.mul (local.get $p3) (local.get $x3)) (v128.const f32x4 0x1.555A80p-3 0x1.555A80p-3 0x1.555A80p-3 0x1.555A80p-3)))
        (local.set $p0 (f32x4.add (f32x4.mul (local.get $p0) (local.get $x0)) (v128.const f32x4 0x1.FFFDC6p-2 0x1.FFFDC6p-2 0x1.FFFDC6p-2 0x1.FFFDC6p-2)))
        (local.set $p1 (f32x4.add (f32x4.mul (local.get $p1) (local.get $x1)) (v128.const f32x4 0x1.FFFDC6p-2 0x1.FFFDC6p-2 0x1.FFFDC6p-2 0x1.FFFDC6p-2)))
        (local.set $p2 (f32x4.add (f32x4.mul (local.get $p2) (local.get $x2)) (v128.const f32x4 0x1.FFFDC6p-2 0x1.FFFDC6p-2 0x1.FFFDC6p-2 0x1.FFFDC6p-2)))
        (local.set $p3 (f32x4.add (f32x4.mul (local.get $p3) (local.get $x3)) (v128.const f32x4 0x1.FFFDC6p-2 0x1.FFFDC6p-2 0x1.FFFDC6p-2 0x1.FFFDC6p-2)))
        (local.set $p0 (f32x4.add (f32x4.mul (local.get $p0) (local.get $x0)) (v128.const f32x4 0x1.FFFFF6p-1 0x1.FFFFF6p-1 0x1.FFFFF6p-1 0x1.FFFFF6p-1)))
        (local.set $p1 (f32x4.add (f32x4.mul (local.get $p1) (local.get $x1)) (v128.const f32x4 0x1.FFFFF6p-1 0x1.FFFFF6p-1 0x1.FFFFF6p-1 0x1.FFFFF6p-1)))
        (local.set $p2 (f32x4.add (f32x4.mul (local.get $p2) (local.get $x2)) (v128.const f32x4 0x1.FFFFF6p-1 0x1.FFFFF6p-1 0x1.FFFFF6p-1 0x1.FFFFF6p-1)))
        (local.set $p3 (f32x4.add (f32x4.mul (local.get $p3) (local.get $x3)) (v128.const f32x4 0x1.FFFFF6p-1 0x1.FFFFF6p-1 0x1.FFFFF6p-1 0x1.FFFFF6p-1)))
        ;; s = 2^n from t's bits; exp(x) = s + (r s) p(r).
        (local.set $t0 (i32x4.shl (local.get $t0) (i32.const 23)))
        (local.set $t1 (i32x4.shl (local.get $t1) (i32.const 23)))
        (local.set $t2 (i32x4.shl (local.get $t2) (i32.const 23)))
        (local.set $t3 (i32x4.shl (local.get $t3) (i32.const 23)))
        (local.set $x0 (v128.andnot (f32x4.add (f32x4.mul (f32x4.mul (local.get $x0) (local.get $t0)) (local.get $p0)) (local.get $t0)) (local.get $m0)))
        (local.set $x1 (v128.andnot (f32x4.add (f32x4.mul (f32x4.mul (local.get $x1) (local.get $t1)) (local.get $p1)) (local.get $t1)) (local.get $m1)))
        (local.set $x2 (v128.andnot (f32x4.add (f32x4.mul (f32x4.mul (local.get $x2) (local.get $t2)) (local.get $p2)) (local.get $t2)) (local.get $m2)))
        (local.set $x3 (v128.andnot (f32x4.add (f32x4.mul (f32x4.mul (local.get $x3) (local.get $t3)) (local.get $p3)) (local.get $t3)) (local.get $m3)))
        (v128.store offset=0 (local.get $to) (local.get $x0))
        (v128.store offset=16 (local.get $to) (local.get $x1))
        (v128.store offset=32 (local.get $to) (local.get $x2))
        (v128.store offset=48 (local.get $to) (local.get $x3))
        (local.set $sum (f32x4.add (local.get $sum) (f32x4.add (f32x4.add (local.get $x0) (local.get $x1)) (f32x4.add (local.get $x2) (local.get $x3)))))
        (local.set $at (i32.add (local.get $at) (i32.const 64)))
        (local.set $to (i32.add (local.get $to) (local.get $step)))
        (br $each)))
    (local.get $sum))

  ;; exp of `count` floats (none above 0) at `at` in place (`count` a multiple of 16): for tests.
  (func (export "exp") (param $at i32) (param $count i32)
    (drop (call $expSum (local.get $at) (i32.add (local.get $at) (i32.shl (local.get $count) (i32.const 2)))
      (v128.const f32x4 0 0 0 0) (local.get $at) (i32.const 64))))

  ;; For each of `rows` rows at `at` (`width` floats apart): its max, then the sum of
  ;; exp(x - max) over the row, written as the pair (max, sum) at `stats` + 8 * row. Without
  ;; $log the row itself becomes exp(x - max), which `apply` then only has to scale; with it the
  ;; row stays, and the exponentials go to the 64 bytes at `scratch`.
  (func $stats (export "stats") (param $at i32) (param $rows i32) (param $width i32) (param $stats i32) (param $log i32)
    (param $scratch i32)
    (local $end i32) (local $p i32) (local $m v128) (local $s v128) (local $max f32)
    (block $done
      (loop $row
        (br_if $done (i32.eqz (local.get $rows)))
        (local.set $end (i32.add (local.get $at) (i32.shl (local.get $width) (i32.const 2))))
        ;; The max: four lanes, then across them. pmax may pass a NaN over (and the values
        ;; beside it), but a NaN makes the sum of exponentials NaN, and with it the whole row,
        ;; as a NaN max would.
        (local.set $m (v128.const f32x4 -inf -inf -inf -inf))
        (local.set $p (local.get $at))
        (block $maxed
          (loop $max
            (br_if $maxed (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $m (f32x4.pmax (local.get $m)
              (f32x4.pmax (f32x4.pmax (v128.load offset=0 (local.get $p)) (v128.load offset=16 (local.get $p)))
                          (f32x4.pmax (v128.load offset=32 (local.get $p)) (v128.load offset=48 (local.get $p))))))
            (local.set $p (i32.add (local.get $p) (i32.const 64)))
            (br $max)))
        (local.set $m (f32x4.pmax (local.get $m) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $m) (local.get $m))))
        (local.set $m (f32x4.pmax (local.get $m) (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $m) (local.get $m))))
        (local.set $max (f32x4.extract_lane 0 (local.get $m)))
        ;; The sum of exponentials, stored in place for softmax, into the scratch line for logSoftmax.
        (local.set $s (if (result v128) (local.get $log)
          (then (call $expSum (local.get $at) (local.get $end) (local.get $m) (local.get $scratch) (i32.const 0)))
          (else (call $expSum (local.get $at) (local.get $end) (local.get $m) (local.get $at) (i32.const 64)))))
        (local.set $s (f32x4.add (local.get $s) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s) (local.get $s))))
        (local.set $s (f32x4.add (local.get $s) (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $s) (local.get $s))))
        (f32.store offset=0 (local.get $stats) (local.get $max))
        (f32.store offset=4 (local.get $stats) (f32x4.extract_lane 0 (local.get $s)))
        (local.set $stats (i32.add (local.get $stats) (i32.const 8)))
        (local.set $at (local.get $end))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $row))))

  ;; The rows' results from their (max, k) pairs at `stats`: without $log, x * k (k = 1 / sum, the
  ;; row already holding exp(x - max)); with $log, (x - max) - k (k = log(sum)).
  (func (export "apply") (param $at i32) (param $rows i32) (param $width i32) (param $stats i32) (param $log i32)
    (local $end i32) (local $m v128) (local $k v128)
    (block $done
      (loop $row
        (br_if $done (i32.eqz (local.get $rows)))
        (local.set $end (i32.add (local.get $at) (i32.shl (local.get $width) (i32.const 2))))
        (local.set $m (v128.load32_splat offset=0 (local.get $stats)))
        (local.set $k (v128.load32_splat offset=4 (local.get $stats)))
        (if (local.get $log)
          (then
            (block $logged
              (loop $each
                (br_if $logged (i32.ge_u (local.get $at) (local.get $end)))
                (v128.store (local.get $at)
                  (f32x4.sub (f32x4.sub (v128.load (local.get $at)) (local.get $m)) (local.get $k)))
                (local.set $at (i32.add (local.get $at) (i32.const 16)))
                (br $each))))
          (else
            (block $scaled
              (loop $each
                (br_if $scaled (i32.ge_u (local.get $at) (local.get $end)))
                (v128.store (local.get $at) (f32x4.mul (v128.load (local.get $at)) (local.get $k)))
                (local.set $at (i32.add (local.get $at) (i32.const 16)))
                (br $each)))))
        (local.set $stats (i32.add (local.get $stats) (i32.const 8)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $row))))

  ;; Chunk $c of the job in the job block at $job (job.ts: the pool's counters in slots 0-4, this
  ;; module's arguments from slot 5, in bytes unless said): rows at, width (floats), rows per
  ;; chunk, rows, stats, log, scratch. Runs `stats` on the chunk's rows, with thread $thread's own
  ;; scratch line.
  (func (export "chunk") (param $job i32) (param $c i32) (param $thread i32)
    (local $per i32) (local $first i32) (local $count i32) (local $width i32)
    (local.set $width (i32.load offset=24 (local.get $job)))
    (local.set $per (i32.load offset=28 (local.get $job)))
    (local.set $first (i32.mul (local.get $c) (local.get $per)))
    (local.set $count (i32.sub (i32.load offset=32 (local.get $job)) (local.get $first)))
    (if (i32.gt_u (local.get $count) (local.get $per)) (then (local.set $count (local.get $per))))
    (call $stats
      (i32.add (i32.load offset=20 (local.get $job)) (i32.shl (i32.mul (local.get $first) (local.get $width)) (i32.const 2)))
      (local.get $count)
      (local.get $width)
      (i32.add (i32.load offset=36 (local.get $job)) (i32.shl (local.get $first) (i32.const 3)))
      (i32.load offset=40 (local.get $job))
      (i32.add (i32.load offset=44 (local.get $job)) (i32.shl (local.get $thread) (i32.const 6)))))
)
