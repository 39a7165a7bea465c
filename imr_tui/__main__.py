from imr_tui.cli import main

raise SystemExit(main())
