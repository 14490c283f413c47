# icuuc.dll for Wine only (verify_under_wine.sh; never shipped): Windows 10 has ICU in
# system32 and Qt6Core imports its converter functions from icuuc.dll; Wine 8 has none.
# Qt uses them only for legacy codecs beyond its built-in UTF ones, which reader never asks
# for (Python decodes every file). So every converter is "not found": ucnv_open fails with
# U_FILE_ACCESS_ERROR, as ICU does for an unknown name, and there are 0 converters.
        .text
        .globl  DllMain
DllMain:                        # BOOL DllMain(...): TRUE
        movl    $1, %eax
        ret
        .globl  fail_open
fail_open:                      # UConverter *ucnv_open(const char *name, UErrorCode *err)
        testq   %rdx, %rdx
        jz      1f
        movl    $4, (%rdx)      # U_FILE_ACCESS_ERROR
1:      xorl    %eax, %eax
        ret
        .globl  fail_name
fail_name:                      # const char *ucnv_getStandardName(name, standard, err)
        testq   %r8, %r8
        jz      1f
        movl    $4, (%r8)
1:      xorl    %eax, %eax
        ret
        .globl  nothing
nothing:                        # 0, NULL or no effect (never reached with an open converter)
        xorl    %eax, %eax
        ret
