# The complex-number parts that Wine 8's ucrtbase.dll leaves unimplemented and numpy calls
# (verify_under_wine.sh; never shipped). numpy's own import of them is pointed here; every
# other function numpy takes from api-ms-win-crt-math is forwarded to ucrtbase (crtfix.def
# is written by the harness from numpy's import table).
# MSVC x64: _Fcomplex (8 bytes) comes in %rcx; _Dcomplex and _Lcomplex (16 bytes, long
# double is double) by address in %rcx; the result in %xmm0.
        .text
        .globl  DllMain
DllMain:
        movl    $1, %eax
        ret
        .globl  crealf
crealf:
        movd    %ecx, %xmm0
        ret
        .globl  cimagf
cimagf:
        shrq    $32, %rcx
        movd    %ecx, %xmm0
        ret
        .globl  creall
creall:
        movsd   (%rcx), %xmm0
        ret
        .globl  cimag
cimag:
        movsd   8(%rcx), %xmm0
        ret
        .globl  cimagl
cimagl:
        movsd   8(%rcx), %xmm0
        ret
