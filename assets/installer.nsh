; Included by electron-builder's NSIS installer (nsis.include). Registers RDP Doctor for .rdp files WITHOUT taking the
; double-click from Remote Desktop Connection: a "Diagnose with RDP Doctor" verb for every .rdp file, plus an entry in
; "Open with". Per-user install, so SHCTX is HKCU; nothing here needs administrator rights.

!macro customInstall
  WriteRegStr SHCTX "Software\Classes\SystemFileAssociations\.rdp\shell\RdpDoctor.Diagnose" "" "Diagnose with ${PRODUCT_NAME}"
  WriteRegStr SHCTX "Software\Classes\SystemFileAssociations\.rdp\shell\RdpDoctor.Diagnose" "Icon" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHCTX "Software\Classes\SystemFileAssociations\.rdp\shell\RdpDoctor.Diagnose\command" "" `"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"`
  WriteRegStr SHCTX "Software\Classes\RdpDoctor.RdpFile" "" "Remote Desktop Connection file"
  WriteRegStr SHCTX "Software\Classes\RdpDoctor.RdpFile\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHCTX "Software\Classes\RdpDoctor.RdpFile\shell\open" "FriendlyAppName" "${PRODUCT_NAME}"
  WriteRegStr SHCTX "Software\Classes\RdpDoctor.RdpFile\shell\open\command" "" `"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"`
  WriteRegStr SHCTX "Software\Classes\.rdp\OpenWithProgids" "RdpDoctor.RdpFile" ""
  ; SHCNE_ASSOCCHANGED, so Explorer shows the new verb without a sign-out.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend

!macro customUnInstall
  DeleteRegKey SHCTX "Software\Classes\SystemFileAssociations\.rdp\shell\RdpDoctor.Diagnose"
  DeleteRegKey SHCTX "Software\Classes\RdpDoctor.RdpFile"
  DeleteRegValue SHCTX "Software\Classes\.rdp\OpenWithProgids" "RdpDoctor.RdpFile"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend
