import RiposteApp

await Riposte.main()
