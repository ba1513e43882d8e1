;; float32 matrix product C = A B in WebAssembly SIMD (128-bit), GotoBLAS style.
;;
;; Compiled, with pack.wat spliced in, by scripts/build-wasm.ts (wabt) into gemm-wasm.ts; run
;; `pnpm --filter @ag/backend-cpu build:wasm` after editing either (a test fails while they differ). The JavaScript side
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
  ;; lanes), eight multiplies and eight adds. The build also emits a variant with each multiply
  ;; and add as one f32x4.relaxed_madd (relaxed SIMD, which Node 20 lacks by default), used where
  ;; the host validates it. Eight independent accumulators hide the add latency.
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

  ;; @splice pack.wat: the packing functions ($transpose4, $packA, $packB, $packBRows) and rowsPlus.

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
