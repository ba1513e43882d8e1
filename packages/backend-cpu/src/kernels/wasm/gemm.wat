;; float32 matrix product C = A B in WebAssembly SIMD (128-bit), GotoBLAS style.
;;
;; Compiled by scripts/build-wasm.ts (wabt) into gemm-wasm.ts; run `pnpm --filter @ag/backend-cpu
;; build:wasm` after editing (a test fails while the two differ). The JavaScript side
;; (gemm-runner.ts) copies the operands into this module's memory, writes a job that cuts C into
;; chunks, and has the main thread and worker threads (worker-pool.ts) run chunks through `chunk`,
;; each thread with its own packing buffers; then it copies C out.
;;
;; Every address, stride and leading dimension here is in bytes. A is m x k with element (i, p) at
;; a + i * ars + p * acs, B is k x n with (p, j) at b + p * brs + j * bcs: any strides, so
;; transposed operands need no copy. C is row-major with ldc bytes per row, and it must be padded
;; to whole 4 x 8 tiles: the micro-kernel always writes a full tile and the caller ignores the pad.
;;
;; The loops, outermost first (blocks sized by the caller so they stay in cache):
;;   jc: nc columns of B      packB: a kc x nc block of B into 8-column strips  (pb, L2 / L3)
;;   pc: kc depths               packA: an mc x kc block of A into 4-row strips (pa, L2)
;;   ic: mc rows of A
;;   jr, ir: one 4 x 8 tile of C per micro-kernel call, its B strip (kc x 8) staying in L1.
;; Packing lays out both strips in the order the micro-kernel reads them, zero-padded at the
;; edges, so the micro-kernel reads memory strictly forward whatever the operands' strides.

(module
  ;; Imported, and shared, so that worker threads instantiate this module over the same memory.
  ;; (The build also emits a copy without `shared` for hosts without SharedArrayBuffer.)
  (import "env" "memory" (memory 1 32768 shared))

  ;; The micro-kernel: the 4 x 8 tile of C at c gets (or, with $add, gets added) the product of
  ;; a packed A strip (4 floats per depth: rows 0..3) and a packed B strip (8 floats per depth).
  ;;
  ;; Register layout: the tile lives in eight v128 accumulators across the whole depth loop.
  ;;                      columns 0..3   columns 4..7
  ;;   row 0 (a0 splat)    $c00           $c01
  ;;   row 1 (a1 splat)    $c10           $c11
  ;;   row 2 (a2 splat)    $c20           $c21
  ;;   row 3 (a3 splat)    $c30           $c31
  ;; Per depth: two loads of B ($b0, $b1), four splat loads of A (one float copied to all four
  ;; lanes), eight multiplies and eight adds. No fused multiply-add: it is relaxed-simd, which
  ;; Node 20 does not enable by default. Eight independent accumulators hide the add latency.
  (func $micro (param $k i32) (param $pa i32) (param $pb i32) (param $c i32) (param $ldc i32) (param $add i32)
    (local $b0 v128) (local $b1 v128) (local $a v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (loop $depth
      (local.set $b0 (v128.load offset=0 (local.get $pb)))
      (local.set $b1 (v128.load offset=16 (local.get $pb)))
      (local.set $a (v128.load32_splat offset=0 (local.get $pa)))
      (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat offset=4 (local.get $pa)))
      (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat offset=8 (local.get $pa)))
      (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat offset=12 (local.get $pa)))
      (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
      (br_if $depth (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
    ;; Later depth blocks add to what the earlier ones stored.
    (if (local.get $add)
      (then
        (local.set $c00 (f32x4.add (local.get $c00) (v128.load offset=0 (local.get $c))))
        (local.set $c01 (f32x4.add (local.get $c01) (v128.load offset=16 (local.get $c))))
        (local.set $c10 (f32x4.add (local.get $c10) (v128.load offset=0 (i32.add (local.get $c) (local.get $ldc)))))
        (local.set $c11 (f32x4.add (local.get $c11) (v128.load offset=16 (i32.add (local.get $c) (local.get $ldc)))))
        (local.set $c20 (f32x4.add (local.get $c20) (v128.load offset=0 (i32.add (local.get $c) (i32.shl (local.get $ldc) (i32.const 1))))))
        (local.set $c21 (f32x4.add (local.get $c21) (v128.load offset=16 (i32.add (local.get $c) (i32.shl (local.get $ldc) (i32.const 1))))))
        (local.set $c30 (f32x4.add (local.get $c30) (v128.load offset=0 (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))))))
        (local.set $c31 (f32x4.add (local.get $c31) (v128.load offset=16 (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))))))))
    (v128.store offset=0 (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store offset=0 (local.get $c) (local.get $c10))
    (v128.store offset=16 (local.get $c) (local.get $c11))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store offset=0 (local.get $c) (local.get $c20))
    (v128.store offset=16 (local.get $c) (local.get $c21))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store offset=0 (local.get $c) (local.get $c30))
    (v128.store offset=16 (local.get $c) (local.get $c31)))

  ;; Transposes the 4 x 4 block whose rows are r0..r3 and stores its rows (the columns of the
  ;; input) at dst, dst + stride, dst + 2 stride and dst + 3 stride.
  (func $transpose4 (param $dst i32) (param $stride i32) (param $r0 v128) (param $r1 v128) (param $r2 v128) (param $r3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    ;; t0 = r0[0] r1[0] r0[1] r1[1], t1 = r0[2] r1[2] r0[3] r1[3]; t2, t3 likewise for r2, r3
    (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
    (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
    (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
    (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
    ;; column q of the input = the low or high halves of the pairs above
    (v128.store (local.get $dst)
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
    (v128.store (i32.add (local.get $dst) (local.get $stride))
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
    (v128.store (i32.add (local.get $dst) (i32.shl (local.get $stride) (i32.const 1)))
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
    (v128.store (i32.add (local.get $dst) (i32.mul (local.get $stride) (i32.const 3)))
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3))))

  ;; Packs rows [0, mc) and depths [0, kc) of A (at src) into 4-row strips at dst: strip s holds,
  ;; for each depth p, rows 4s..4s+3 at depth p (16 bytes), zeros past row mc.
  (func $packA (param $src i32) (param $rs i32) (param $cs i32) (param $mc i32) (param $kc i32) (param $dst i32)
    (local $i i32) (local $p i32) (local $r i32) (local $rows i32) (local $s i32)
    (block $strips_done
      (loop $strips
        (br_if $strips_done (i32.ge_u (local.get $i) (local.get $mc)))
        (local.set $rows (i32.sub (local.get $mc) (local.get $i)))
        (local.set $s (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $rs))))
        (local.set $p (i32.const 0))
        (if (i32.ge_u (local.get $rows) (i32.const 4))
          (then
            ;; A full strip, four depths at a time where the layout allows vectors: row-major A
            ;; (unit column stride) gives four rows of four depths, transposed into four depths
            ;; of four rows; column-major A (unit row stride, a transposed operand) already holds
            ;; each depth's four rows together. The remaining depths go one float at a time.
            (if (i32.eq (local.get $cs) (i32.const 4))
              (then
                (block $quads_done
                  (loop $quads
                    (br_if $quads_done (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $kc)))
                    (call $transpose4 (local.get $dst) (i32.const 16)
                      (v128.load (local.get $s))
                      (v128.load (i32.add (local.get $s) (local.get $rs)))
                      (v128.load (i32.add (local.get $s) (i32.shl (local.get $rs) (i32.const 1))))
                      (v128.load (i32.add (local.get $s) (i32.mul (local.get $rs) (i32.const 3)))))
                    (local.set $s (i32.add (local.get $s) (i32.const 16)))
                    (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
                    (local.set $p (i32.add (local.get $p) (i32.const 4)))
                    (br $quads)))))
            (if (i32.eq (local.get $rs) (i32.const 4))
              (then
                (block $cols_done
                  (loop $cols
                    (br_if $cols_done (i32.ge_u (local.get $p) (local.get $kc)))
                    (v128.store (local.get $dst) (v128.load (local.get $s)))
                    (local.set $s (i32.add (local.get $s) (local.get $cs)))
                    (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
                    (local.set $p (i32.add (local.get $p) (i32.const 1)))
                    (br $cols)))))
            (block $depths_done
              (loop $depths
                (br_if $depths_done (i32.ge_u (local.get $p) (local.get $kc)))
                (f32.store offset=0 (local.get $dst) (f32.load (local.get $s)))
                (f32.store offset=4 (local.get $dst) (f32.load (i32.add (local.get $s) (local.get $rs))))
                (f32.store offset=8 (local.get $dst) (f32.load (i32.add (local.get $s) (i32.shl (local.get $rs) (i32.const 1)))))
                (f32.store offset=12 (local.get $dst) (f32.load (i32.add (local.get $s) (i32.mul (local.get $rs) (i32.const 3)))))
                (local.set $s (i32.add (local.get $s) (local.get $cs)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $depths))))
          (else
            ;; The last, partial strip: zeros everywhere, then the rows that exist.
            (memory.fill (local.get $dst) (i32.const 0) (i32.shl (local.get $kc) (i32.const 4)))
            (local.set $r (i32.const 0))
            (block $rows_done
              (loop $rows_loop
                (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
                (local.set $p (i32.const 0))
                (block $col_done
                  (loop $col
                    (br_if $col_done (i32.ge_u (local.get $p) (local.get $kc)))
                    (f32.store
                      (i32.add (local.get $dst) (i32.add (i32.shl (local.get $p) (i32.const 4)) (i32.shl (local.get $r) (i32.const 2))))
                      (f32.load (i32.add (local.get $s) (i32.add (i32.mul (local.get $r) (local.get $rs)) (i32.mul (local.get $p) (local.get $cs))))))
                    (local.set $p (i32.add (local.get $p) (i32.const 1)))
                    (br $col)))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $rows_loop)))
            (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $kc) (i32.const 4))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $strips))))

  ;; Packs depths [0, kc) and columns [0, nc) of B (at src) into 8-column strips at dst: strip s
  ;; holds, for each depth p, columns 8s..8s+7 at depth p (32 bytes), zeros past column nc.
  (func $packB (param $src i32) (param $rs i32) (param $cs i32) (param $kc i32) (param $nc i32) (param $dst i32)
    (local $j i32) (local $p i32) (local $q i32) (local $cols i32) (local $s i32)
    (block $strips_done
      (loop $strips
        (br_if $strips_done (i32.ge_u (local.get $j) (local.get $nc)))
        (local.set $cols (i32.sub (local.get $nc) (local.get $j)))
        (local.set $s (i32.add (local.get $src) (i32.mul (local.get $j) (local.get $cs))))
        (local.set $p (i32.const 0))
        (if (i32.ge_u (local.get $cols) (i32.const 8))
          (then
            (if (i32.eq (local.get $cs) (i32.const 4))
              (then
                ;; Row-major B: each depth's eight columns are two contiguous vectors.
                (block $rows_done
                  (loop $rows
                    (br_if $rows_done (i32.ge_u (local.get $p) (local.get $kc)))
                    (v128.store offset=0 (local.get $dst) (v128.load offset=0 (local.get $s)))
                    (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $s)))
                    (local.set $s (i32.add (local.get $s) (local.get $rs)))
                    (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                    (local.set $p (i32.add (local.get $p) (i32.const 1)))
                    (br $rows))))
              (else
                ;; Column-major B (unit row stride: a transposed operand, as in x @ W.T): four
                ;; depths of each column are one vector; two 4 x 4 transposes per four depths.
                (if (i32.eq (local.get $rs) (i32.const 4))
                  (then
                    (block $quads_done
                      (loop $quads
                        (br_if $quads_done (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $kc)))
                        (local.set $q (i32.add (local.get $s) (i32.shl (local.get $cs) (i32.const 2))))
                        (call $transpose4 (local.get $dst) (i32.const 32)
                          (v128.load (local.get $s))
                          (v128.load (i32.add (local.get $s) (local.get $cs)))
                          (v128.load (i32.add (local.get $s) (i32.shl (local.get $cs) (i32.const 1))))
                          (v128.load (i32.add (local.get $s) (i32.mul (local.get $cs) (i32.const 3)))))
                        (call $transpose4 (i32.add (local.get $dst) (i32.const 16)) (i32.const 32)
                          (v128.load (local.get $q))
                          (v128.load (i32.add (local.get $q) (local.get $cs)))
                          (v128.load (i32.add (local.get $q) (i32.shl (local.get $cs) (i32.const 1))))
                          (v128.load (i32.add (local.get $q) (i32.mul (local.get $cs) (i32.const 3)))))
                        (local.set $s (i32.add (local.get $s) (i32.const 16)))
                        (local.set $dst (i32.add (local.get $dst) (i32.const 128)))
                        (local.set $p (i32.add (local.get $p) (i32.const 4)))
                        (br $quads)))))
                ;; Any other stride, and the depths left over: eight scalar loads per depth.
                (block $rows_done
                  (loop $rows
                    (br_if $rows_done (i32.ge_u (local.get $p) (local.get $kc)))
                    (local.set $q (local.get $s))
                    (f32.store offset=0 (local.get $dst) (f32.load (local.get $q)))
                    (local.set $q (i32.add (local.get $q) (local.get $cs)))
                    (f32.store offset=4 (local.get $dst) (f32.load (local.get $q)))
                    (local.set $q (i32.add (local.get $q) (local.get $cs)))
                    (f32.store offset=8 (local.get $dst) (f32.load (local.get $q)))
                    (local.set $q (i32.add (local.get $q) (local.get $cs)))
                    (f32.store offset=12 (local.get $dst) (f32.load (local.get $q)))
                    (local.set $q (i32.add (local.get $q) (local.get $cs)))
                    (f32.store offset=16 (local.get $dst) (f32.load (local.get $q)))
                    (local.set $q (i32.add (local.get $q) (local.get $cs)))
                    (f32.store offset=20 (local.get $dst) (f32.load (local.get $q)))
                    (local.set $q (i32.add (local.get $q) (local.get $cs)))
                    (f32.store offset=24 (local.get $dst) (f32.load (local.get $q)))
                    (local.set $q (i32.add (local.get $q) (local.get $cs)))
                    (f32.store offset=28 (local.get $dst) (f32.load (local.get $q)))
                    (local.set $s (i32.add (local.get $s) (local.get $rs)))
                    (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                    (local.set $p (i32.add (local.get $p) (i32.const 1)))
                    (br $rows))))))
          (else
            ;; The last, partial strip: zeros everywhere, then the columns that exist.
            (memory.fill (local.get $dst) (i32.const 0) (i32.shl (local.get $kc) (i32.const 5)))
            (block $rows_done
              (loop $rows
                (br_if $rows_done (i32.ge_u (local.get $p) (local.get $kc)))
                (local.set $q (i32.const 0))
                (block $cols_done
                  (loop $col
                    (br_if $cols_done (i32.ge_u (local.get $q) (local.get $cols)))
                    (f32.store
                      (i32.add (local.get $dst) (i32.shl (local.get $q) (i32.const 2)))
                      (f32.load (i32.add (local.get $s) (i32.mul (local.get $q) (local.get $cs)))))
                    (local.set $q (i32.add (local.get $q) (i32.const 1)))
                    (br $col)))
                (local.set $s (i32.add (local.get $s) (local.get $rs)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $rows)))))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $strips))))

;; Packs like $packB, for a B whose row p starts at src + the i32 at tab + 4 p (bytes) and whose
  ;; columns are adjacent floats: the rows of an implicit im2col matrix, each a shifted window on a
  ;; padded input (conv-runner.ts), so a stride-1 convolution needs no column copy.
  (func $packBRows (param $src i32) (param $tab i32) (param $kc i32) (param $nc i32) (param $dst i32)
    (local $j i32) (local $p i32) (local $q i32) (local $cols i32) (local $s i32)
    (block $strips_done
      (loop $strips
        (br_if $strips_done (i32.ge_u (local.get $j) (local.get $nc)))
        (local.set $cols (i32.sub (local.get $nc) (local.get $j)))
        (local.set $s (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $p (i32.const 0))
        (if (i32.ge_u (local.get $cols) (i32.const 8))
          (then
            (block $rows_done
              (loop $rows
                (br_if $rows_done (i32.ge_u (local.get $p) (local.get $kc)))
                (local.set $q (i32.add (local.get $s) (i32.load (i32.add (local.get $tab) (i32.shl (local.get $p) (i32.const 2))))))
                (v128.store offset=0 (local.get $dst) (v128.load offset=0 (local.get $q)))
                (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $q)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $rows))))
          (else
            (memory.fill (local.get $dst) (i32.const 0) (i32.shl (local.get $kc) (i32.const 5)))
            (block $rows_done
              (loop $rows
                (br_if $rows_done (i32.ge_u (local.get $p) (local.get $kc)))
                (local.set $q (i32.add (local.get $s) (i32.load (i32.add (local.get $tab) (i32.shl (local.get $p) (i32.const 2))))))
                (local.set $cols (i32.sub (local.get $nc) (local.get $j)))
                (block $cols_done
                  (loop $col
                    (br_if $cols_done (i32.eqz (local.get $cols)))
                    (local.set $cols (i32.sub (local.get $cols) (i32.const 1)))
                    (f32.store
                      (i32.add (local.get $dst) (i32.shl (local.get $cols) (i32.const 2)))
                      (f32.load (i32.add (local.get $q) (i32.shl (local.get $cols) (i32.const 2)))))
                    (br $col)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $rows)))))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $strips))))

  ;; C[0..m, 0..n] = A B over depth k, in blocks of mcb rows, kcb depths and ncb columns (mcb a
  ;; multiple of 4, ncb of 8). pa and pb are this thread's packing buffers: mcb * kcb and
  ;; kcb * ncb floats. m, n and k are at least 1. With $btab nonzero, B's rows come from that
  ;; table of byte offsets ($packBRows; brs is then unused and bcs must be 4).
  (func $gemm (export "gemm")
    (param $a i32) (param $ars i32) (param $acs i32)
    (param $b i32) (param $brs i32) (param $bcs i32)
    (param $c i32) (param $ldc i32)
    (param $m i32) (param $n i32) (param $k i32)
    (param $pa i32) (param $pb i32)
    (param $mcb i32) (param $kcb i32) (param $ncb i32) (param $btab i32)
    (local $jc i32) (local $pc i32) (local $ic i32) (local $jr i32) (local $ir i32)
    (local $nc i32) (local $kc i32) (local $mc i32) (local $add i32) (local $cTile i32)
    (block $jc_done
      (loop $jc_loop
        (br_if $jc_done (i32.ge_u (local.get $jc) (local.get $n)))
        (local.set $nc (select (local.get $ncb) (i32.sub (local.get $n) (local.get $jc))
          (i32.lt_u (local.get $ncb) (i32.sub (local.get $n) (local.get $jc)))))
        (local.set $pc (i32.const 0))
        (block $pc_done
          (loop $pc_loop
            (br_if $pc_done (i32.ge_u (local.get $pc) (local.get $k)))
            (local.set $kc (select (local.get $kcb) (i32.sub (local.get $k) (local.get $pc))
              (i32.lt_u (local.get $kcb) (i32.sub (local.get $k) (local.get $pc)))))
            (local.set $add (i32.ne (local.get $pc) (i32.const 0)))
            (if (local.get $btab)
              (then
                (call $packBRows
                  (i32.add (local.get $b) (i32.shl (local.get $jc) (i32.const 2)))
                  (i32.add (local.get $btab) (i32.shl (local.get $pc) (i32.const 2)))
                  (local.get $kc) (local.get $nc) (local.get $pb)))
              (else
                (call $packB
                  (i32.add (local.get $b) (i32.add (i32.mul (local.get $pc) (local.get $brs)) (i32.mul (local.get $jc) (local.get $bcs))))
                  (local.get $brs) (local.get $bcs) (local.get $kc) (local.get $nc) (local.get $pb))))
            (local.set $ic (i32.const 0))
            (block $ic_done
              (loop $ic_loop
                (br_if $ic_done (i32.ge_u (local.get $ic) (local.get $m)))
                (local.set $mc (select (local.get $mcb) (i32.sub (local.get $m) (local.get $ic))
                  (i32.lt_u (local.get $mcb) (i32.sub (local.get $m) (local.get $ic)))))
                (call $packA
                  (i32.add (local.get $a) (i32.add (i32.mul (local.get $ic) (local.get $ars)) (i32.mul (local.get $pc) (local.get $acs))))
                  (local.get $ars) (local.get $acs) (local.get $mc) (local.get $kc) (local.get $pa))
                ;; Tiles: each 8-column B strip stays in L1 while every 4-row A strip passes it.
                (local.set $jr (i32.const 0))
                (block $jr_done
                  (loop $jr_loop
                    (br_if $jr_done (i32.ge_u (local.get $jr) (local.get $nc)))
                    (local.set $ir (i32.const 0))
                    (block $ir_done
                      (loop $ir_loop
                        (br_if $ir_done (i32.ge_u (local.get $ir) (local.get $mc)))
                        (local.set $cTile (i32.add (local.get $c)
                          (i32.add (i32.mul (i32.add (local.get $ic) (local.get $ir)) (local.get $ldc))
                                   (i32.shl (i32.add (local.get $jc) (local.get $jr)) (i32.const 2)))))
                        (call $micro (local.get $kc)
                          (i32.add (local.get $pa) (i32.shl (i32.mul (local.get $ir) (local.get $kc)) (i32.const 2)))
                          (i32.add (local.get $pb) (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const 2)))
                          (local.get $cTile) (local.get $ldc) (local.get $add))
                        (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
                        (br $ir_loop)))
                    (local.set $jr (i32.add (local.get $jr) (i32.const 8)))
                    (br $jr_loop)))
                (local.set $ic (i32.add (local.get $ic) (local.get $mcb)))
                (br $ic_loop)))
            (local.set $pc (i32.add (local.get $pc) (local.get $kcb)))
            (br $pc_loop)))
        (local.set $jc (i32.add (local.get $jc) (local.get $ncb)))
        (br $jc_loop))))

;; Copies `count` rows of `len` floats, row r from src + r * stride (bytes) to dst + r * len * 4,
  ;; adding `bias` to each: a convolution's output taken out of the padded grid it was computed on
  ;; (conv-runner.ts) in one pass, so that the caller copies it out as one block.
  (func (export "rowsPlus") (param $src i32) (param $stride i32) (param $dst i32) (param $len i32) (param $count i32) (param $bias f32)
    (local $b v128) (local $j i32) (local $vec i32)
    (local.set $b (f32x4.splat (local.get $bias)))
    (local.set $vec (i32.and (local.get $len) (i32.const -4)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.eqz (local.get $count)))
        (local.set $j (i32.const 0))
        (block $vec_done
          (loop $vecs
            (br_if $vec_done (i32.ge_u (local.get $j) (local.get $vec)))
            (v128.store (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 2)))
              (f32x4.add (local.get $b) (v128.load (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2))))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $vecs)))
        (block $tail_done
          (loop $tail
            (br_if $tail_done (i32.ge_u (local.get $j) (local.get $len)))
            (f32.store (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 2)))
              (f32.add (local.get $bias) (f32.load (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $tail)))
        (local.set $src (i32.add (local.get $src) (local.get $stride)))
        (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $len) (i32.const 2))))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $rows))))

  ;; One chunk of a job, for thread t (0: the main thread, 1...: workers). A job splits C into
  ;; `count` chunks of whole tiles, `size` columns (cols = 1) or rows (cols = 0) each; threads
  ;; claim chunks from a shared counter (worker-pool.ts), so a thread that the system keeps
  ;; waiting leaves its chunks to the others. The job's fields, i32s at $job (see job.ts):
  ;;   20 a, ars, acs, b, brs, bcs, c, ldc, m, n, k, mcb, kcb, ncb,
  ;;   76 cols, size, scratch, stride, pbOffset: thread t packs at scratch + t * stride (A) and
  ;;      pbOffset bytes further on (B),
  ;;   96 btab: B's table of row offsets, or 0 (see $gemm).
  (func (export "chunk") (param $job i32) (param $chunk i32) (param $t i32)
    (local $cols i32) (local $at i32) (local $i0 i32) (local $j0 i32) (local $m i32) (local $n i32) (local $pa i32)
    (local.set $cols (i32.load offset=76 (local.get $job)))
    (local.set $at (i32.mul (local.get $chunk) (i32.load offset=80 (local.get $job))))
    (local.set $i0 (select (i32.const 0) (local.get $at) (local.get $cols)))
    (local.set $j0 (select (local.get $at) (i32.const 0) (local.get $cols)))
    ;; this chunk's rows and columns: the size, or what is left at the end
    (local.set $m (i32.sub (i32.load offset=52 (local.get $job)) (local.get $i0)))
    (local.set $n (i32.sub (i32.load offset=56 (local.get $job)) (local.get $j0)))
    (if (local.get $cols)
      (then (if (i32.gt_u (local.get $n) (i32.load offset=80 (local.get $job)))
        (then (local.set $n (i32.load offset=80 (local.get $job))))))
      (else (if (i32.gt_u (local.get $m) (i32.load offset=80 (local.get $job)))
        (then (local.set $m (i32.load offset=80 (local.get $job)))))))
    (local.set $pa (i32.add (i32.load offset=84 (local.get $job))
      (i32.mul (local.get $t) (i32.load offset=88 (local.get $job)))))
    (call $gemm
      (i32.add (i32.load offset=20 (local.get $job)) (i32.mul (local.get $i0) (i32.load offset=24 (local.get $job))))
      (i32.load offset=24 (local.get $job))
      (i32.load offset=28 (local.get $job))
      (i32.add (i32.load offset=32 (local.get $job)) (i32.mul (local.get $j0) (i32.load offset=40 (local.get $job))))
      (i32.load offset=36 (local.get $job))
      (i32.load offset=40 (local.get $job))
      (i32.add (i32.load offset=44 (local.get $job))
        (i32.add (i32.mul (local.get $i0) (i32.load offset=48 (local.get $job))) (i32.shl (local.get $j0) (i32.const 2))))
      (i32.load offset=48 (local.get $job))
      (local.get $m) (local.get $n)
      (i32.load offset=60 (local.get $job))
      (local.get $pa)
      (i32.add (local.get $pa) (i32.load offset=92 (local.get $job)))
      (i32.load offset=64 (local.get $job))
      (i32.load offset=68 (local.get $job))
      (i32.load offset=72 (local.get $job))
      (i32.load offset=96 (local.get $job))))
)
