//go:build amd64 && !purego

#include "textflag.h"

// func aesEncrypt(rk *[176]byte, x0, x1 uint64) (y0, y1 uint64)
TEXT ·aesEncrypt(SB), NOSPLIT, $0-40
	MOVQ   rk+0(FP), AX
	MOVQ   x0+8(FP), X0
	MOVQ   x1+16(FP), BX
	PINSRQ $1, BX, X0
	MOVOU  0(AX), X1
	MOVOU  16(AX), X2
	MOVOU  32(AX), X3
	MOVOU  48(AX), X4
	MOVOU  64(AX), X5
	MOVOU  80(AX), X6
	PXOR   X1, X0
	AESENC X2, X0
	MOVOU  96(AX), X7
	AESENC X3, X0
	MOVOU  112(AX), X8
	AESENC X4, X0
	MOVOU  128(AX), X9
	AESENC X5, X0
	MOVOU  144(AX), X10
	AESENC X6, X0
	MOVOU  160(AX), X11
	AESENC X7, X0
	AESENC X8, X0
	AESENC X9, X0
	AESENC X10, X0
	AESENCLAST X11, X0
	MOVQ   X0, y0+24(FP)
	PEXTRQ $1, X0, BX
	MOVQ   BX, y1+32(FP)
	RET

#define AESROUNDS \
	PXOR       X1, X0; \
	AESENC     X2, X0; \
	AESENC     X3, X0; \
	AESENC     X4, X0; \
	AESENC     X5, X0; \
	AESENC     X6, X0; \
	AESENC     X7, X0; \
	AESENC     X8, X0; \
	AESENC     X9, X0; \
	AESENC     X10, X0; \
	AESENCLAST X11, X0

// func aesChain(rk *[176]byte, b *[4][2]uint64, n int) (y0, y1 uint64)
// CBC-MAC over the n (1..4) blocks of b: x = E(x ^ b[i]) from x = 0. The
// chaining value stays in X0 and the round keys in X1..X11 from block to
// block (one call per message instead of one per block). Blocks are read
// as 8-byte words: b was just written as words, and a 16-byte load of two
// 8-byte stores would stall on store forwarding.
TEXT ·aesChain(SB), NOSPLIT, $0-40
	MOVQ   rk+0(FP), AX
	MOVQ   b+8(FP), DX
	MOVQ   n+16(FP), CX
	MOVOU  0(AX), X1
	MOVOU  16(AX), X2
	MOVOU  32(AX), X3
	MOVOU  48(AX), X4
	MOVOU  64(AX), X5
	MOVOU  80(AX), X6
	MOVOU  96(AX), X7
	MOVOU  112(AX), X8
	MOVOU  128(AX), X9
	MOVOU  144(AX), X10
	MOVOU  160(AX), X11
	MOVQ   0(DX), X0
	MOVQ   8(DX), BX
	PINSRQ $1, BX, X0
	AESROUNDS
chain:
	DECQ   CX
	JZ     done
	ADDQ   $16, DX
	MOVQ   0(DX), X12
	MOVQ   8(DX), BX
	PINSRQ $1, BX, X12
	PXOR   X12, X0
	AESROUNDS
	JMP    chain
done:
	MOVQ   X0, y0+24(FP)
	PEXTRQ $1, X0, BX
	MOVQ   BX, y1+32(FP)
	RET
