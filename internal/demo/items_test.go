package demo

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestItemsListCreateReplacePatchDelete(t *testing.T) {
	srv := startWith(t, Options{})
	base := srv.APIURL() + "/api/items"
	origin := []string{"Origin", srv.PageURL(), "Content-Type", "application/json"}

	res, body := call(t, nil, "GET", base, "", origin...)
	require.Equal(t, http.StatusOK, res.StatusCode)
	seeded := decode(t, body)["items"].([]any)
	require.Len(t, seeded, 3, "the list starts with three items")

	res, body = call(t, nil, "POST", base, `{"name":"milk"}`, origin...)
	require.Equal(t, http.StatusCreated, res.StatusCode, body)
	require.JSONEq(t, `{"id":4,"name":"milk","done":false}`, body)
	require.Equal(t, "/api/items/4", res.Header.Get("Location"))
	require.Equal(t, srv.PageURL(), res.Header.Get("Access-Control-Allow-Origin"))

	res, body = call(t, nil, "PUT", base+"/4", `{"name":"oat milk","done":true}`, origin...)
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.JSONEq(t, `{"id":4,"name":"oat milk","done":true}`, body)

	res, body = call(t, nil, "PATCH", base+"/4", `{"done":false}`, origin...)
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.JSONEq(t, `{"id":4,"name":"oat milk","done":false}`, body, "PATCH keeps the fields it is not given")

	res, body = call(t, nil, "PUT", base+"/4", `{"name":"milk"}`, origin...)
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.JSONEq(t, `{"id":4,"name":"milk","done":false}`, body, "PUT replaces the whole item")

	res, body = call(t, nil, "GET", base+"/4", "", origin...)
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.JSONEq(t, `{"id":4,"name":"milk","done":false}`, body)

	res, body = call(t, nil, "DELETE", base+"/4", "", origin...)
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.JSONEq(t, `{"deleted":4}`, body)

	res, body = call(t, nil, "DELETE", base+"/4", "", origin...)
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	require.Equal(t, "no item 4: GET /api/items lists the items there are", errorOf(t, body))

	_, body = call(t, nil, "GET", base, "")
	require.Len(t, decode(t, body)["items"], 3)
}

func TestItemsExplainBadRequests(t *testing.T) {
	srv := startWith(t, Options{})
	base := srv.APIURL() + "/api/items"
	for _, tc := range []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"POST", "", ``, 400, `create an item: the body is empty: send JSON such as {"name":"milk"}`},
		{"POST", "", `{"name":`, 400, "the JSON ends in the middle of a value"},
		{"POST", "", `{"done":true}`, 400, `"name" is missing`},
		{"POST", "", `{"name":"x","colour":"red"}`, 400, `unknown field "colour": the accepted fields are "name" (a string) and "done" (true or false)`},
		{"POST", "", `{"name":""}`, 400, `name "" must be 1 to 100 characters`},
		{"POST", "", `{"name":"` + strings.Repeat("é", 101) + `"}`, 400, "must be 1 to 100 characters"},
		{"POST", "", `{"name":"a\u0007b"}`, 400, "holds the control character U+0007"},
		{"POST", "", `{"name":"x","done":"yes"}`, 400, `field "done" is a string: it must be true or false`},
		{"PUT", "/1", `{"done":true}`, 400, `PUT replaces the whole item, so "name" is required`},
		{"PATCH", "/1", `{}`, 400, `change item 1: nothing to change`},
		{"PATCH", "/abc", `{"done":true}`, 400, `item id "abc" is not a positive whole number: use an id from GET /api/items`},
		{"GET", "/0", ``, 400, `item id "0" is not a positive whole number`},
		{"GET", "/99999999999999999999", ``, 400, "is not a positive whole number"},
		{"PUT", "/77", `{"name":"x"}`, 404, "no item 77"},
		{"DELETE", "", ``, 405, "/api/items does not take DELETE: use GET, HEAD, OPTIONS, POST"},
		{"POST", "/1", `{}`, 405, "/api/items/{id} does not take POST: use DELETE, GET, HEAD, OPTIONS, PATCH, PUT"},
	} {
		name := tc.method + " " + tc.path + " " + tc.body
		res, body := call(t, nil, tc.method, base+tc.path, tc.body, "Origin", srv.PageURL())
		require.Equal(t, tc.status, res.StatusCode, name)
		require.Contains(t, errorOf(t, body), tc.want, name)
		require.Equal(t, "application/json; charset=utf-8", res.Header.Get("Content-Type"), name)
		if tc.status == 405 {
			require.NotEmpty(t, res.Header.Get("Allow"), name)
		}
	}
}

func TestItemsListIsBounded(t *testing.T) {
	srv := startWith(t, Options{})
	base := srv.APIURL() + "/api/items"
	for i := 3; i < MaxItems; i++ {
		res, body := call(t, nil, "POST", base, fmt.Sprintf(`{"name":"item %d"}`, i))
		require.Equal(t, http.StatusCreated, res.StatusCode, body)
	}
	res, body := call(t, nil, "POST", base, `{"name":"one too many"}`)
	require.Equal(t, http.StatusConflict, res.StatusCode)
	require.Equal(t, "create an item: the list is full (100 items): delete one first with DELETE /api/items/{id}", errorOf(t, body))

	res, _ = call(t, nil, "DELETE", base+"/1", "")
	require.Equal(t, http.StatusOK, res.StatusCode)
	res, body = call(t, nil, "POST", base, `{"name":"fits again"}`)
	require.Equal(t, http.StatusCreated, res.StatusCode, body)
	require.Equal(t, float64(MaxItems+1), decode(t, body)["id"], "ids are never reused")
}
