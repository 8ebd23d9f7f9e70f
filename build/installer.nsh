; Included by electron-builder's NSIS template (electron-builder.yml: nsis.include), and by the
; small installer test/packaging/nsis-silent.test.ts compiles with makensis.
;
; The seed: "--silent at the end of the EXE command installs without windows, spinners, errors or
; visible notices". NSIS's own switch is /S, which NSIS reads before .onInit; --silent is turned
; into the same silent mode here, in preInit (the first thing electron-builder's .onInit runs).
; In silent mode every MessageBox takes its /SD default, no page is shown, and the outcome goes to
; the exit code (0 installed, 1 cancelled, 2 aborted) and to the log below.

!include LogicLib.nsh
!include FileFunc.nsh

!ifndef SILENT_INSTALL_LOG
  !define SILENT_INSTALL_LOG "$TEMP\support-console-install.log"
!endif

!macro silentInstallLog TEXT
  ${If} ${Silent}
    Push $0
    ClearErrors
    FileOpen $0 "${SILENT_INSTALL_LOG}" a
    ${IfNot} ${Errors}
      FileSeek $0 0 END
      FileWrite $0 "${TEXT}$\r$\n"
      FileClose $0
    ${EndIf}
    Pop $0
  ${EndIf}
!macroend

!macro preInit
  Push $0
  Push $1
  ${GetParameters} $0
  ClearErrors
  ; Case-sensitive, whole flag only: "--silent" (or "--silent=…" is refused as not the flag).
  ${GetOptionsS} $0 "--silent" $1
  ${IfNot} ${Errors}
  ${AndIf} $1 == ""
    SetSilent silent
  ${EndIf}
  ClearErrors
  Pop $1
  Pop $0
  !insertmacro silentInstallLog "silent install started: $CMDLINE"
!macroend

; NSIS ignores a file it could not write when silent (the error box takes its default), so the
; installer checks its result: no executable means failure, in the log and as exit code 2.
!macro customInstall
  ${IfNot} ${FileExists} "$INSTDIR\${APP_EXECUTABLE_FILENAME}"
    !insertmacro silentInstallLog "install FAILED: $INSTDIR\${APP_EXECUTABLE_FILENAME} could not be written"
    SetErrorLevel 2
    Abort
  ${EndIf}
  !insertmacro silentInstallLog "installed to $INSTDIR"
!macroend
