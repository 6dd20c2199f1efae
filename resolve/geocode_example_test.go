package resolve_test

import (
	"fmt"

	"github.com/muster-osint/muster/resolve"
)

func ExampleGazetteer_LocateEvent() {
	g, err := resolve.LoadGazetteer()
	if err != nil {
		fmt.Println(err)
		return
	}
	p, ok := g.LocateEvent("Shelling was reported near Hraivoron, Belgorod Oblast, Russia.", nil)
	fmt.Println(ok, p.Country, p.Admin1, p.Precision, p.GeonameID)
	// Output: true RU Belgorod Oblast near 559034
}

func ExampleFoldPlaceName() {
	fmt.Println(resolve.FoldPlaceName("Graivoron") == resolve.FoldPlaceName("Грайворон"))
	fmt.Println(resolve.FoldPlaceName("Kharkov") == resolve.FoldPlaceName("Kharkiv"))
	// Output:
	// true
	// true
}
