package ingest_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/muster-osint/muster/ingest"
)

// ExampleRead reads one plain-text article with metadata given by the user,
// as `muster ingest --publisher … --published …` does.
func ExampleRead() {
	article := "Defense\r\n\r\nWho crossed the border?\r\n\r\nTwo groups said on Monday that they had entered the   Belgorod region.\r\n"
	opt := ingest.Options{
		Publisher: "The Example Times",
		Published: time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC),
	}
	err := ingest.Read(context.Background(), "article.txt", strings.NewReader(article), opt, func(it ingest.Item) error {
		if it.Err != nil {
			fmt.Println("error:", it.Err)
			return nil
		}
		d := it.Doc
		fmt.Println(d.ID, d.Format, d.Language)
		fmt.Println(d.Title, "|", d.Publisher, "|", d.Published.Format("2006-01-02"))
		fmt.Printf("%q\n", d.Text)
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// d_8aa637462255681f text en
	// Who crossed the border? | The Example Times | 2023-05-24
	// "Defense\n\nWho crossed the border?\n\nTwo groups said on Monday that they had entered the Belgorod region."
}

// ExampleWalk shows how bad input is reported: as items, while the other
// inputs are still read.
func ExampleWalk() {
	stdin := strings.NewReader(`{"title":"Raid","text":"The group said it crossed the border."}
{"title":"Broken"
{"title":"No text"}`)
	err := ingest.Walk(context.Background(), []string{"-"}, ingest.Options{}, stdin, func(it ingest.Item) error {
		if it.Err != nil {
			fmt.Println("error:", it.Err)
		} else {
			fmt.Println("document:", it.Where, it.Doc.Title)
		}
		return nil
	})
	fmt.Println("walk:", err)
	// Output:
	// document: stdin:1 Raid
	// error: ingest stdin:2: malformed input: json: unexpected end of JSON input
	// error: ingest stdin:3: no extractable text: no text field (text, content, body, maintext, article, description)
	// walk: <nil>
}
