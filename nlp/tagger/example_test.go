package tagger_test

import (
	"fmt"
	"strings"

	"github.com/muster-osint/muster/nlp/tagger"
)

func ExampleTagger_Tag() {
	tg, err := tagger.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	tokens := strings.Fields("President Vladimir Putin visited Belgorod on Tuesday .")
	fmt.Println(tg.Tag(tokens))
	// Output: [O B-PER I-PER O B-LOC O O O]
}
