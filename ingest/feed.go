package ingest

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/muster-osint/muster"
)

// readFeed reads an RSS or Atom feed with gofeed; each item becomes a
// document whose text is the item's content (or, failing that, its
// description) with the HTML stripped. The feed's title fills the publisher
// and its language the language. An item without text is an error for that
// item only.
func readFeed(ctx context.Context, em *emitter, data []byte, opt Options) (err error) {
	where := em.in.where
	feed, perr := parseFeed(data)
	if perr != nil && em.opt.Records.From > 1 {
		return nil // a failure of the whole feed is reported by the range of its first item
	}
	if perr != nil {
		return em.fail(where, invalidf(where, ErrMalformed, "feed: %v", perr))
	}
	if len(feed.Items) == 0 {
		if em.opt.Records.From > 1 {
			return nil
		}
		return em.fail(where, invalidf(where, ErrNoText, "feed has no items"))
	}
	format := feed.FeedType
	if format != "rss" && format != "atom" {
		format = "rss"
	}
	for i, it := range feed.Items {
		if err := ctx.Err(); err != nil {
			return err
		}
		iw := fmt.Sprintf("%s#%d", where, i+1)
		if skip, stop := em.skip(i + 1); stop {
			return nil
		} else if skip {
			continue
		}
		d, ierr := feedItem(iw, feed, it, format, opt)
		if ierr != nil {
			if err := em.fail(iw, ierr); err != nil {
				return err
			}
			continue
		}
		if err := em.doc(iw, d); err != nil {
			return err
		}
	}
	return nil
}

// parseFeed runs gofeed, turning a panic in it into an error.
func parseFeed(data []byte) (feed *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("parser failed: %v", r)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(data))
}

func feedItem(where string, feed *gofeed.Feed, it *gofeed.Item, format string, opt Options) (muster.Document, error) {
	if it == nil {
		return muster.Document{}, invalid(where, ErrNoText)
	}
	raw := it.Content
	if strings.TrimSpace(raw) == "" {
		raw = it.Description
	}
	txt, err := htmlToText(raw)
	if err != nil {
		return muster.Document{}, invalidf(where, ErrMalformed, "item html: %v", err)
	}
	text, err := Normalize(txt)
	if err != nil {
		return muster.Document{}, invalid(where, err)
	}
	if text == "" {
		return muster.Document{}, invalidf(where, ErrNoText, "item has no content or description")
	}
	title, _ := htmlToText(it.Title)
	d := muster.Document{
		Format:    format,
		Title:     title,
		URL:       strings.TrimSpace(it.Link),
		Publisher: feed.Title,
		Language:  baseLanguage(feed.Language),
	}
	var names []string
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			names = append(names, p.Name)
		}
	}
	if len(names) == 0 && it.DublinCoreExt != nil {
		names = it.DublinCoreExt.Creator
	}
	d.Byline = strings.Join(names, ", ")
	switch {
	case it.PublishedParsed != nil:
		d.Published = *it.PublishedParsed
	case it.UpdatedParsed != nil:
		d.Published = *it.UpdatedParsed
	}
	finish(&d, text, opt, false)
	return d, nil
}
