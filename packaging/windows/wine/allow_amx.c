/* Preloaded into every Wine process when the CPU has AMX (verify_under_wine.sh): Linux lets a
 * process use the AMX tile registers only once it asks (arch_prctl ARCH_REQ_XCOMP_PERM), and
 * Wine 8 never asks, while Windows programs that see AMX in CPUID use it (onnxruntime's int8
 * kernels): their first AMX instruction is an illegal instruction. Windows grants it itself. */
#include <sys/syscall.h>
#include <unistd.h>

#define ARCH_REQ_XCOMP_PERM 0x1023
#define XFEATURE_XTILEDATA 18

__attribute__((constructor)) static void allow_amx(void) {
    syscall(SYS_arch_prctl, ARCH_REQ_XCOMP_PERM, XFEATURE_XTILEDATA);
}
