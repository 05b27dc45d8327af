package doctor

import (
	"context"
	"errors"
	"fmt"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// localNetworkPermissions are the names Chromium has used for Local Network
// Access. Chromium 156 accepts all three, but only loopback-network lets a
// public page reach a loopback address (local-network covers private
// addresses; local-network-access is the older, single permission), so
// grantLocalNetwork grants every one the browser accepts.
var localNetworkPermissions = []string{"local-network-access", "loopback-network", "local-network"}

// grantLocalNetwork grants the page origin Chrome's Local Network Access
// permission in the tab's browser context and returns the names of the
// permissions Chrome accepted, joined by "+".
func grantLocalNetwork(tab context.Context, origin string) (string, error) {
	var granted string
	var errs []error
	for _, name := range localNetworkPermissions {
		_, err := chromedp.CallBrowser(tab, browser.SetPermission, browser.SetPermissionParams{
			Permission:       &browser.PermissionDescriptor{Name: name},
			Setting:          browser.PermissionSettingGranted,
			Origin:           origin,
			BrowserContextID: chromedp.FromContext(tab).BrowserContextID,
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		if granted != "" {
			granted += "+"
		}
		granted += name
	}
	if granted == "" {
		return "", fmt.Errorf("grant Local Network Access to %s: this browser accepts none of %v: %w", origin, localNetworkPermissions, errors.Join(errs...))
	}
	return granted, nil
}
