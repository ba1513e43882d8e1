;; Packing and copying functions of gemm.wat: scripts/compile-wasm.ts splices them into the module
;; where gemm.wat says `@splice pack.wat` (a module is one text, and one file of it would pass 400
;; lines). Addresses, strides and leading dimensions in bytes, as there.

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
;; Copies `count` rows of `len` floats, row r from src + r * stride to dst + r * dstStride
;; (bytes), adding `bias` to each: a convolution's input put into its padded grid and its output
;; taken off it (conv-runner.ts), each in one pass.
(func (export "rowsPlus") (param $src i32) (param $stride i32) (param $dst i32) (param $dstStride i32) (param $len i32) (param $count i32) (param $bias f32)
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
      (local.set $dst (i32.add (local.get $dst) (local.get $dstStride)))
      (local.set $count (i32.sub (local.get $count) (i32.const 1)))
      (br $rows))))
