;; Elementwise float32 kernels over WebAssembly SIMD: the CPU backend copies a chunk of each
;; operand into this module's memory, runs one of these over it, and copies the result out
;; (elementwise.ts). Per element they cost a fraction of V8's scalar loops, which recheck the
;; typed arrays after every store; with the copies in and out they are well ahead in cache, and
;; level for a plain add far out of it.
;;
;; Results are IEEE float32 operations, the same values as JavaScript's double arithmetic rounded
;; to float32 (for +, -, *, / a double holds the exact result closely enough that rounding twice
;; changes nothing). `max` with +0 gives relu, NaN included: wasm's max propagates NaN and orders
;; -0 below +0. The sum accumulates in float64, as the JavaScript reductions do.
(module
  (memory (export "memory") 12)

;; out[j] = a[j] add b[j] for j < n, every address a byte address.
  (func (export "add") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
    (local $end i32) (local $vend i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $o) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (block $vdone
      (loop $v
        (br_if $vdone (i32.ge_u (local.get $o) (local.get $vend)))
        (v128.store (local.get $o) (f32x4.add (v128.load (local.get $a)) (v128.load (local.get $b))))
        (v128.store offset=16 (local.get $o)
          (f32x4.add (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (local.set $o (i32.add (local.get $o) (i32.const 32)))
        (br $v)))
    (block $done
      (loop $s
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (f32.store (local.get $o) (f32.add (f32.load (local.get $a)) (f32.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (local.set $b (i32.add (local.get $b) (i32.const 4)))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $s))))

  ;; out[j] = a[j] sub b[j] for j < n, every address a byte address.
  (func (export "sub") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
    (local $end i32) (local $vend i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $o) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (block $vdone
      (loop $v
        (br_if $vdone (i32.ge_u (local.get $o) (local.get $vend)))
        (v128.store (local.get $o) (f32x4.sub (v128.load (local.get $a)) (v128.load (local.get $b))))
        (v128.store offset=16 (local.get $o)
          (f32x4.sub (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (local.set $o (i32.add (local.get $o) (i32.const 32)))
        (br $v)))
    (block $done
      (loop $s
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (f32.store (local.get $o) (f32.sub (f32.load (local.get $a)) (f32.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (local.set $b (i32.add (local.get $b) (i32.const 4)))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $s))))

  ;; out[j] = a[j] mul b[j] for j < n, every address a byte address.
  (func (export "mul") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
    (local $end i32) (local $vend i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $o) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (block $vdone
      (loop $v
        (br_if $vdone (i32.ge_u (local.get $o) (local.get $vend)))
        (v128.store (local.get $o) (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $b))))
        (v128.store offset=16 (local.get $o)
          (f32x4.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (local.set $o (i32.add (local.get $o) (i32.const 32)))
        (br $v)))
    (block $done
      (loop $s
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (f32.store (local.get $o) (f32.mul (f32.load (local.get $a)) (f32.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (local.set $b (i32.add (local.get $b) (i32.const 4)))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $s))))

  ;; out[j] = a[j] div b[j] for j < n, every address a byte address.
  (func (export "div") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
    (local $end i32) (local $vend i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $o) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (block $vdone
      (loop $v
        (br_if $vdone (i32.ge_u (local.get $o) (local.get $vend)))
        (v128.store (local.get $o) (f32x4.div (v128.load (local.get $a)) (v128.load (local.get $b))))
        (v128.store offset=16 (local.get $o)
          (f32x4.div (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (local.set $o (i32.add (local.get $o) (i32.const 32)))
        (br $v)))
    (block $done
      (loop $s
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (f32.store (local.get $o) (f32.div (f32.load (local.get $a)) (f32.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (local.set $b (i32.add (local.get $b) (i32.const 4)))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $s))))

  ;; out[j] = x[j] + s for j < n.
  (func (export "addValue") (param $x i32) (param $s f32) (param $o i32) (param $n i32)
    (local $end i32) (local $vend i32) (local $k v128)
    (local.set $k (f32x4.splat (local.get $s)))
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $o) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (block $vdone
      (loop $v
        (br_if $vdone (i32.ge_u (local.get $o) (local.get $vend)))
        (v128.store (local.get $o) (f32x4.add (v128.load (local.get $x)) (local.get $k)))
        (v128.store offset=16 (local.get $o) (f32x4.add (v128.load offset=16 (local.get $x)) (local.get $k)))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $o (i32.add (local.get $o) (i32.const 32)))
        (br $v)))
    (block $done
      (loop $t
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (f32.store (local.get $o) (f32.add (f32.load (local.get $x)) (local.get $s)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $t))))

  ;; out[j] = x[j] * s for j < n.
  (func (export "mulValue") (param $x i32) (param $s f32) (param $o i32) (param $n i32)
    (local $end i32) (local $vend i32) (local $k v128)
    (local.set $k (f32x4.splat (local.get $s)))
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $o) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (block $vdone
      (loop $v
        (br_if $vdone (i32.ge_u (local.get $o) (local.get $vend)))
        (v128.store (local.get $o) (f32x4.mul (v128.load (local.get $x)) (local.get $k)))
        (v128.store offset=16 (local.get $o) (f32x4.mul (v128.load offset=16 (local.get $x)) (local.get $k)))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $o (i32.add (local.get $o) (i32.const 32)))
        (br $v)))
    (block $done
      (loop $t
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (f32.store (local.get $o) (f32.mul (f32.load (local.get $x)) (local.get $s)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $t))))

  ;; out[j] = x[j] / s for j < n.
  (func (export "divValue") (param $x i32) (param $s f32) (param $o i32) (param $n i32)
    (local $end i32) (local $vend i32) (local $k v128)
    (local.set $k (f32x4.splat (local.get $s)))
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $o) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (block $vdone
      (loop $v
        (br_if $vdone (i32.ge_u (local.get $o) (local.get $vend)))
        (v128.store (local.get $o) (f32x4.div (v128.load (local.get $x)) (local.get $k)))
        (v128.store offset=16 (local.get $o) (f32x4.div (v128.load offset=16 (local.get $x)) (local.get $k)))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $o (i32.add (local.get $o) (i32.const 32)))
        (br $v)))
    (block $done
      (loop $t
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (f32.store (local.get $o) (f32.div (f32.load (local.get $x)) (local.get $s)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $t))))

  ;; out[j] = s - x[j] for j < n.
  (func (export "rsubValue") (param $x i32) (param $s f32) (param $o i32) (param $n i32)
    (local $end i32) (local $vend i32) (local $k v128)
    (local.set $k (f32x4.splat (local.get $s)))
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $o) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (block $vdone
      (loop $v
        (br_if $vdone (i32.ge_u (local.get $o) (local.get $vend)))
        (v128.store (local.get $o) (f32x4.sub (local.get $k) (v128.load (local.get $x))))
        (v128.store offset=16 (local.get $o) (f32x4.sub (local.get $k) (v128.load offset=16 (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $o (i32.add (local.get $o) (i32.const 32)))
        (br $v)))
    (block $done
      (loop $t
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (f32.store (local.get $o) (f32.sub (local.get $s) (f32.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $t))))

  ;; out[j] = s / x[j] for j < n.
  (func (export "rdivValue") (param $x i32) (param $s f32) (param $o i32) (param $n i32)
    (local $end i32) (local $vend i32) (local $k v128)
    (local.set $k (f32x4.splat (local.get $s)))
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $o) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (block $vdone
      (loop $v
        (br_if $vdone (i32.ge_u (local.get $o) (local.get $vend)))
        (v128.store (local.get $o) (f32x4.div (local.get $k) (v128.load (local.get $x))))
        (v128.store offset=16 (local.get $o) (f32x4.div (local.get $k) (v128.load offset=16 (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $o (i32.add (local.get $o) (i32.const 32)))
        (br $v)))
    (block $done
      (loop $t
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (f32.store (local.get $o) (f32.div (local.get $s) (f32.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $t))))

  ;; out[j] = relu(x[j]) for j < n.
  (func (export "relu") (param $x i32) (param $o i32) (param $n i32)
    (local $end i32) (local $vend i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $o) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (block $vdone
      (loop $v
        (br_if $vdone (i32.ge_u (local.get $o) (local.get $vend)))
        (v128.store (local.get $o) (f32x4.max (v128.load (local.get $x)) (v128.const f32x4 0 0 0 0)))
        (v128.store offset=16 (local.get $o) (f32x4.max (v128.load offset=16 (local.get $x)) (v128.const f32x4 0 0 0 0)))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $o (i32.add (local.get $o) (i32.const 32)))
        (br $v)))
    (block $done
      (loop $s
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (f32.store (local.get $o) (f32.max (f32.load (local.get $x)) (f32.const 0)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $s))))

;; out[j] = g[j] where y[j] > 0, else +0 (relu's gradient): the comparison's mask ANDed with g,
  ;; so y = NaN gives +0 and g passes bit for bit.
  (func (export "reluGrad") (param $g i32) (param $y i32) (param $o i32) (param $n i32)
    (local $end i32) (local $vend i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $o) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (block $vdone
      (loop $v
        (br_if $vdone (i32.ge_u (local.get $o) (local.get $vend)))
        (v128.store (local.get $o)
          (v128.and (v128.load (local.get $g)) (f32x4.gt (v128.load (local.get $y)) (v128.const f32x4 0 0 0 0))))
        (v128.store offset=16 (local.get $o)
          (v128.and (v128.load offset=16 (local.get $g))
            (f32x4.gt (v128.load offset=16 (local.get $y)) (v128.const f32x4 0 0 0 0))))
        (local.set $g (i32.add (local.get $g) (i32.const 32)))
        (local.set $y (i32.add (local.get $y) (i32.const 32)))
        (local.set $o (i32.add (local.get $o) (i32.const 32)))
        (br $v)))
    (block $done
      (loop $s
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (f32.store (local.get $o)
          (select (f32.load (local.get $g)) (f32.const 0) (f32.gt (f32.load (local.get $y)) (f32.const 0))))
        (local.set $g (i32.add (local.get $g) (i32.const 4)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $s))))

    ;; The sum of x[j] for j < n in float64: four float64x2 accumulators, eight values a step.
  (func (export "sum") (param $x i32) (param $n i32) (result f64)
    (local $end i32) (local $vend i32) (local $v v128) (local $w v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $t f64)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (block $vdone
      (loop $l
        (br_if $vdone (i32.ge_u (local.get $x) (local.get $vend)))
        (local.set $v (v128.load (local.get $x)))
        (local.set $w (v128.load offset=16 (local.get $x)))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.promote_low_f32x4 (local.get $v))))
        (local.set $s1 (f64x2.add (local.get $s1)
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.promote_low_f32x4 (local.get $w))))
        (local.set $s3 (f64x2.add (local.get $s3)
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $w) (local.get $w)))))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (br $l)))
    (block $done
      (loop $s
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $t (f64.add (local.get $t) (f64.promote_f32 (f32.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (br $s)))
    (local.set $s0 (f64x2.add (f64x2.add (local.get $s0) (local.get $s1)) (f64x2.add (local.get $s2) (local.get $s3))))
    (f64.add (local.get $t)
      (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0)))))
)
